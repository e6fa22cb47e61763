/** Formats integer cents as money, e.g. 12999 USD → "$129.99". */
export const formatMoney = (cents: number, currency: string, locale = 'en-US') =>
  new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
