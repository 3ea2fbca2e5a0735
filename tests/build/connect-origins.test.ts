/**
 * The one build-time setting for real network in the studio: `STUDIO_CONNECT_ORIGINS` adds origins to the CSP's
 * connect-src (csp.ts, sent by `vite preview`) and vite.config.ts hands the same list to the executor's
 * allow-list; anything but an http(s) origin fails the build with one line.
 */
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, connectOrigins, contentSecurityPolicy } from '../../csp';

describe('STUDIO_CONNECT_ORIGINS', () => {
  it('keeps connect-src to our origin by default', () => {
    expect(connectOrigins(undefined)).toEqual([]);
    expect(connectOrigins('  ')).toEqual([]);
    expect(CONTENT_SECURITY_POLICY).toContain("; connect-src 'self'; object-src");
  });

  it('adds each origin once to connect-src, and nothing to the other directives', () => {
    const origins = connectOrigins('https://api.example.com, http://127.0.0.1:8787/ https://api.example.com');
    expect(origins).toEqual(['https://api.example.com', 'http://127.0.0.1:8787']);
    const policy = contentSecurityPolicy(origins);
    expect(policy).toContain("; connect-src 'self' https://api.example.com http://127.0.0.1:8787; object-src");
    expect(policy.replace(' https://api.example.com http://127.0.0.1:8787', '')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses anything but an http(s) origin, naming the setting', () => {
    expect(() => connectOrigins('api.example.com')).toThrow(
      'STUDIO_CONNECT_ORIGINS: "api.example.com" is not an origin; write https://host or http://host:port',
    );
    expect(() => connectOrigins('https://api.example.com/v1')).toThrow('"https://api.example.com/v1" is not an origin');
    expect(() => connectOrigins('ftp://files.example.com')).toThrow('is not an origin');
    expect(() => connectOrigins("https://a.example 'unsafe-inline'")).toThrow(`"'unsafe-inline'" is not an origin`);
  });
});
