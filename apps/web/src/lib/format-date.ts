const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const toTheSecond = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
});
const timeToTheSecond = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** An ISO 8601 timestamp in the shopper's words and time zone. */
export const formatDateTime = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
};

/**
 * When a drop opens, to the second (drops open at an exact second): the time alone when it is
 * today, with the date otherwise.
 */
export const formatDropTime = (iso: string, now = new Date()) => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toDateString() === now.toDateString()
    ? timeToTheSecond.format(date)
    : toTheSecond.format(date);
};
