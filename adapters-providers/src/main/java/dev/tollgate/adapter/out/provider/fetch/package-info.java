/**
 * Guarded outbound calls to user-supplied URLs: images a provider needs inline
 * ({@link dev.tollgate.adapter.out.provider.fetch.GuardedUrlFetcher}: only http and https, never a loopback, private,
 * link-local or otherwise internal address, with redirects, size and time capped) and the base URLs of organisations'
 * private channels ({@link dev.tollgate.adapter.out.provider.fetch.PrivateChannelAddressGuard}); both classify
 * addresses with {@link dev.tollgate.adapter.out.provider.fetch.InternalAddresses}.
 */
package dev.tollgate.adapter.out.provider.fetch;
