// Query field names exactly as graph-node derives them (graph/src/data/graphql/ext.rs
// `camel_cased_names`): singular = `name.to_camel_case()`, plural = `name.to_plural().to_camel_case()`
// with `_collection` appended when both are equal. `to_plural` and `to_camel_case` are ports of the
// Rust crate Inflector 0.11.4 (src/string/pluralize, src/cases/case), which graph-node uses.

const UNCOUNTABLE = new Set(
  (
    'accommodation adulthood advertising advice aggression aid air aircraft alcohol anger applause ' +
    'arithmetic assistance athletics bacon baggage beef biology blood botany bread butter carbon ' +
    'cardboard cash chalk chaos chess crossroads countryside dancing deer dignity dirt dust economics ' +
    'education electricity engineering enjoyment envy equipment ethics evidence evolution fame fiction ' +
    'flour flu food fuel fun furniture gallows garbage garlic genetics gold golf gossip grammar ' +
    'gratitude grief guilt gymnastics happiness hardware harm hate hatred health heat help homework ' +
    'honesty honey hospitality housework humour hunger hydrogen ice importance inflation information ' +
    'innocence iron irony jam jewelry judo karate knowledge lack laughter lava leather leisure lightning ' +
    'linguine linguini linguistics literature litter livestock logic loneliness luck luggage macaroni ' +
    'machinery magic management mankind marble mathematics mayonnaise measles methane milk money mud ' +
    'music mumps nature news nitrogen nonsense nurture nutrition obedience obesity oxygen pasta patience ' +
    'physics poetry pollution poverty pride psychology publicity punctuation quartz racism relaxation ' +
    'reliability research respect revenge rice rubbish rum safety scenery seafood seaside series shame ' +
    'sheep shopping sleep smoke smoking snow soap software soil spaghetti species steam stuff stupidity ' +
    'sunshine symmetry tennis thirst thunder timber traffic transportation trust underwear unemployment ' +
    'unity validity veal vegetation vegetarianism vengeance violence vitality warmth wealth weather ' +
    'welfare wheat wildlife wisdom yoga zinc zoology'
  ).split(' '),
);

const SPECIAL: Record<string, string> = {
  ox: 'oxen',
  man: 'men',
  woman: 'women',
  die: 'dice',
  yes: 'yeses',
  foot: 'feet',
  eave: 'eaves',
  goose: 'geese',
  tooth: 'teeth',
  quiz: 'quizzes',
};

// In Inflector's order; applied last-to-first.
const RULES: [RegExp, string][] = (
  [
    ['(\\w*)s$', 's'],
    ['(\\w*([^aeiou]ese))$', ''],
    ['(\\w*(ax|test))is$', 'es'],
    ['(\\w*(alias|[^aou]us|tlas|gas|ris))$', 'es'],
    ['(\\w*(e[mn]u))s?$', 's'],
    ['(\\w*([^l]ias|[aeiou]las|[emjzr]as|[iu]am))$', ''],
    [
      '(\\w*(alumn|syllab|octop|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat))(?:us|i)$',
      'i',
    ],
    ['(\\w*(alumn|alg|vertebr))(?:a|ae)$', 'ae'],
    ['(\\w*(seraph|cherub))(?:im)?$', 'im'],
    ['(\\w*(her|at|gr))o$', 'oes'],
    [
      '(\\w*(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|curricul|automat|quor))(?:a|um)$',
      'a',
    ],
    [
      '(\\w*(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|automat))(?:a|on)$',
      'a',
    ],
    ['(\\w*)sis$', 'ses'],
    ['(\\w*(kni|wi|li))fe$', 'ves'],
    ['(\\w*(ar|l|ea|eo|oa|hoo))f$', 'ves'],
    ['(\\w*([^aeiouy]|qu))y$', 'ies'],
    ['(\\w*([^ch][ieo][ln]))ey$', 'ies'],
    ['(\\w*(x|ch|ss|sh|zz)es)$', ''],
    ['(\\w*(x|ch|ss|sh|zz))$', 'es'],
    ['(\\w*(matr|cod|mur|sil|vert|ind|append))(?:ix|ex)$', 'ices'],
    ['(\\w*(m|l)(?:ice|ouse))$', 'ice'],
    ['(\\w*(pe)(?:rson|ople))$', 'ople'],
    ['(\\w*(child))(?:ren)?$', 'ren'],
    ['(\\w*eaux)$', ''],
  ] as [string, string][]
)
  .map(([re, rep]): [RegExp, string] => [new RegExp(re), rep])
  .reverse();

/** Inflector 0.11.4 `to_plural`. */
export function toPlural(word: string): string {
  if (UNCOUNTABLE.has(word)) return word;
  const special = SPECIAL[word];
  if (special !== undefined) return special;
  for (const [rule, replace] of RULES) {
    const m = rule.exec(word);
    if (m && m[1] !== undefined) return m[1] + replace;
  }
  return `${word}s`;
}

const isAlphanumeric = (c: string): boolean => /^[\p{L}\p{N}]$/u.test(c);
const isNumeric = (c: string): boolean => /^\p{N}$/u.test(c);
const isLower = (c: string): boolean => c !== c.toUpperCase() && c === c.toLowerCase();
const isUpper = (c: string): boolean => c !== c.toLowerCase() && c === c.toUpperCase();
const asciiLower = (c: string): string => (c >= 'A' && c <= 'Z' ? c.toLowerCase() : c);
const asciiUpper = (c: string): string => (c >= 'a' && c <= 'z' ? c.toUpperCase() : c);

/** Inflector 0.11.4 `to_camel_case` (e.g. `LoyaltyProgram` → `loyaltyProgram`, `PSMSwap` → `psmswap`). */
export function toCamelCase(input: string): string {
  const chars = [...input];
  while (chars.length > 0 && !isAlphanumeric(chars[chars.length - 1]!)) chars.pop();
  let newWord = false;
  let lastChar = ' ';
  let foundRealChar = false;
  let result = '';
  for (const c of chars) {
    if (!isAlphanumeric(c) && foundRealChar) {
      newWord = true;
    } else if (!foundRealChar && !isAlphanumeric(c)) {
      continue;
    } else if (isNumeric(c)) {
      foundRealChar = true;
      newWord = true;
      result += c;
    } else if (newWord || (isLower(lastChar) && isUpper(c) && lastChar !== ' ')) {
      foundRealChar = true;
      newWord = false;
      result += asciiUpper(c);
    } else {
      foundRealChar = true;
      lastChar = c;
      result += asciiLower(c);
    }
  }
  return result;
}

/** graph-node's singular and plural query field names for an entity type. */
export function queryFieldNames(typeName: string): { singular: string; plural: string } {
  const singular = toCamelCase(typeName);
  let plural = toCamelCase(toPlural(typeName));
  if (plural === singular) plural += '_collection';
  return { singular, plural };
}
