const formatters = new Map<string, Intl.NumberFormat>();

/** Formats integer cents as money, e.g. 12999 USD → "$129.99". */
export const formatMoney = (cents: number, currency: string, locale = 'en-US') => {
  const key = `${locale}|${currency}`;
  // Building an Intl.NumberFormat costs far more than using one; invoices format many amounts.
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter.format(cents / 100);
};
