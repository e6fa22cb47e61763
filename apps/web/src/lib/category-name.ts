/** "outdoor" → "Outdoor", "home-office" → "Home office". */
export const categoryName = (slug: string) => {
  const words = slug.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
