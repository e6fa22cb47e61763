const formatters = new Map<string, Intl.NumberFormat>();

/** Integer cents as the shopper's locale writes money, e.g. 17999 USD → "$179.99". */
export const formatMoney = (cents: number, currency: string, locale?: string): string => {
  const key = `${locale ?? ''}|${currency}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, format);
  }
  // Currencies without minor units (JPY) still travel as "cents" of 1/100 in this shop.
  return format.format(cents / 100);
};
