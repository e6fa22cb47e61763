import { z } from 'zod';

// Controls, format characters (zero-width spaces and joiners, bidi marks and overrides, soft
// hyphens, word joiners, BOMs, tag characters), line and paragraph separators, lone surrogates:
// invisible on a page, or breaking a line where a reader sees none. Text fields land in
// invoices and emails, where U+2028 once forged a "Total paid $0.00" line; none belongs there.
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/u;
const ZWNJ = '\u200C';
const ZWJ = '\u200D';

// The zero-width non-joiner and joiner are spelling, not disguise, between two characters of a
// script that shapes with them (Persian, Indic words; marks count by their script extensions),
// and the joiner inside an emoji sequence (👩‍💻).
const JOINING_SCRIPT =
  /[\p{scx=Arabic}\p{scx=Syriac}\p{scx=Nko}\p{scx=Mongolian}\p{scx=Devanagari}\p{scx=Bengali}\p{scx=Gurmukhi}\p{scx=Gujarati}\p{scx=Oriya}\p{scx=Tamil}\p{scx=Telugu}\p{scx=Kannada}\p{scx=Malayalam}\p{scx=Sinhala}\p{scx=Myanmar}\p{scx=Khmer}\p{scx=Tibetan}]/u;
const EMOJI_BEFORE_JOINER = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F)$/u;
const EMOJI = /\p{Extended_Pictographic}/u;

/** The whole character ending just before `index`, a surrogate pair included. */
const characterBefore = (text: string, index: number) => {
  const last = text.charCodeAt(index - 1);
  const pair = last >= 0xdc00 && last <= 0xdfff && index >= 2;
  return String.fromCodePoint(text.codePointAt(index - (pair ? 2 : 1)) ?? 0);
};

const isSpellingJoiner = (text: string, index: number) => {
  const joiner = text[index];
  if (index === 0 || (joiner !== ZWNJ && joiner !== ZWJ)) return false;
  const before = characterBefore(text, index);
  const after = String.fromCodePoint(text.codePointAt(index + 1) ?? 0);
  if (JOINING_SCRIPT.test(before) && JOINING_SCRIPT.test(after)) return true;
  return joiner === ZWJ && EMOJI_BEFORE_JOINER.test(before) && EMOJI.test(after);
};

const codeOf = (character: string) =>
  `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** What is wrong with a field's text, in words naming the character; null when nothing is. */
const problemOf = (text: string, multiline: boolean): string | null => {
  for (const match of text.matchAll(FORBIDDEN)) {
    const character = match[0];
    if (multiline && (character === '\n' || character === '\t')) continue;
    if (isSpellingJoiner(text, match.index)) continue;
    const code = codeOf(character);
    if (LINE_BREAK.test(character)) {
      return multiline
        ? `contains a line break other than a plain new line (${code})`
        : `contains a line break (${code})`;
    }
    if (character === '\t') return `contains a tab (${code})`;
    if (/\p{Cs}/u.test(character)) return `contains a broken character (${code})`;
    return `contains an invisible character (${code})`;
  }
  return null;
};

/** A trimmed, printable text field with a limit, and messages naming the field. */
export const textField = (
  label: string,
  max: number,
  options: { required?: boolean; multiline?: boolean } = {},
) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(options.required === false ? 0 : 1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`)
    .superRefine((text, context) => {
      const problem = problemOf(text, options.multiline === true);
      if (problem) context.addIssue({ code: 'custom', message: `${label} ${problem}` });
    });
