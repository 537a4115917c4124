import { describe, expect, it } from 'vitest';
import { kindMatches, searchObjects, type ObjectHit } from './search-index';

const hit = (name: string, cluster = 'east'): ObjectHit => ({ cluster, group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespace: 'default', name });

describe('searchObjects', () => {
  const hits = [hit('frontend-web'), hit('web'), hit('web-api', 'west'), hit('db')];

  it('ranks exact, then prefix, then substring', () => {
    expect(searchObjects(hits, 'web').map((h) => h.name)).toEqual(['web', 'web-api', 'frontend-web']);
  });
  it('needs two characters', () => expect(searchObjects(hits, 'w')).toEqual([]));
  it('is case-insensitive and limited', () => {
    expect(searchObjects(hits, 'WEB', 1).map((h) => h.name)).toEqual(['web']);
  });
});

describe('kindMatches', () => {
  const deploy = { kind: 'Deployment', title: 'Deployments', plural: 'deployments', shortNames: ['deploy'] };
  it('matches title, plural and short names', () => {
    expect(kindMatches(deploy, 'deploy')).toBe(true);
    expect(kindMatches(deploy, 'Deploym')).toBe(true);
    expect(kindMatches(deploy, 'svc')).toBe(false);
    expect(kindMatches({ kind: 'Service', title: 'Services', plural: 'services', shortNames: ['svc'] }, 'svc')).toBe(true);
  });
});
