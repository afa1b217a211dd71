import { describe, expect, it } from 'vitest';
import { agent } from '../src/tei/header.ts';
import { serializeTei } from '../src/tei/write.ts';

const xml = (who: string): string =>
  serializeTei(agent(who))
    .replace(/^<\?xml[^>]*>/, '')
    .replace(' xmlns="http://www.tei-c.org/ns/1.0"', '')
    .trim();

describe('senders and recipients in correspDesc (issue #14)', () => {
  it('tells persons with roles, roles alone, offices and plain names apart', () => {
    expect(xml('The Chargé in the Soviet Union (Kennan)')).toBe(
      '<persName><roleName>The Chargé in the Soviet Union</roleName> (<name>Kennan</name>)</persName>',
    );
    expect(xml('Secretary of Defense Quarles')).toBe(
      '<persName><roleName>Secretary of Defense</roleName> <name>Quarles</name></persName>',
    );
    expect(xml('President Eisenhower')).toBe(
      '<persName><roleName>President</roleName> <name>Eisenhower</name></persName>',
    );
    expect(xml('the Secretary of State')).toBe(
      '<persName><roleName>the Secretary of State</roleName></persName>',
    );
    expect(xml('the Department of State')).toBe('<orgName>the Department of State</orgName>');
    expect(xml('the Embassy in Germany')).toBe('<orgName>the Embassy in Germany</orgName>');
    expect(xml('the Joint Chiefs of Staff')).toBe('<orgName>the Joint Chiefs of Staff</orgName>');
    expect(xml('Georgy Chicherin')).toBe('<persName>Georgy Chicherin</persName>');
  });
});
