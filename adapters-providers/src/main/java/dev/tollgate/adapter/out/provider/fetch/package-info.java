/**
 * Guarded outbound fetching of user-supplied URLs (for example images a provider needs inline): only http and https,
 * never a loopback, private, link-local or otherwise internal address, with redirects, size and time capped. See
 * {@link dev.tollgate.adapter.out.provider.fetch.GuardedUrlFetcher}.
 */
package dev.tollgate.adapter.out.provider.fetch;
