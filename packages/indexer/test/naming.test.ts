// Root query field names: graph-node's `camel_cased_names` over the Rust Inflector 0.11.4.
import { describe, expect, it } from 'vitest';
import { queryFieldNames, toCamelCase, toPlural } from '../src/naming.js';

describe('query field names', () => {
  it.each([
    ['Account', 'account', 'accounts'],
    ['LoyaltyProgram', 'loyaltyProgram', 'loyaltyPrograms'],
    ['Position', 'position', 'positions'],
    ['PositionSnapshot', 'positionSnapshot', 'positionSnapshots'],
    ['Status', 'status', 'statuses'],
    ['Category', 'category', 'categories'],
    ['Day', 'day', 'days'],
    ['Match', 'match', 'matches'],
    ['Box', 'box', 'boxes'],
    ['Stats', 'stats', 'stats_collection'],
    // Inflector's rules are case-sensitive and graph-node applies them to the type name as written,
    // so capitalised irregular words take the regular ending
    ['Data', 'data', 'datas'],
    ['Series', 'series', 'series_collection'],
    ['PsmSwap', 'psmSwap', 'psmSwaps'],
    ['PSMSwap', 'psmswap', 'psmswaps'],
    ['Token0Day', 'token0Day', 'token0Days'],
    ['Pool_Day', 'poolDay', 'poolDays'],
    ['Refund', 'refund', 'refunds'],
    ['Advance', 'advance', 'advances'],
    ['Slash', 'slash', 'slashes'],
    ['Child', 'child', 'childs'],
    ['Person', 'person', 'persons'],
    ['Address', 'address', 'addresses'],
    ['Index', 'index', 'indexes'],
    ['data', 'data', 'data_collection'],
    ['child', 'child', 'children'],
    ['ProbeResult', 'probeResult', 'probeResults'],
  ])('%s → %s / %s', (type, singular, plural) => {
    expect(queryFieldNames(type)).toEqual({ singular, plural });
  });

  it('matches Inflector’s own examples', () => {
    expect(toPlural('geometry')).toBe('geometries');
    expect(toPlural('ox')).toBe('oxen');
    expect(toPlural('woman')).toBe('women');
    expect(toPlural('axis')).toBe('axes');
    expect(toPlural('knife')).toBe('knives');
    expect(toPlural('agendum')).toBe('agenda');
    expect(toPlural('elf')).toBe('elves');
    expect(toPlural('zoology')).toBe('zoology');
    expect(toPlural('boxes')).toBe('boxes');
    expect(toCamelCase('foo_bar')).toBe('fooBar');
    expect(toCamelCase('FooBar')).toBe('fooBar');
    expect(toCamelCase('Foo bar')).toBe('fooBar');
  });
});
