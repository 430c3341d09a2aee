/**
 * Hyper-V KVP on Linux: {@link io.pvscope.agent.kv.kvp.KvpPoolStore} reads and writes the pool files of
 * hv_kvp_daemon ({@code /var/lib/hyperv/.kvp_pool_N}) with OpenBSD hypervic(4)'s key syntax and rules.
 *
 * <p>Choices where the two systems differ:
 * <ul>
 * <li>Pools map by number: OpenBSD's External, Guest, Auto and Guest/Parameters are HV_KVP_POOL 0 to 3,
 *     which are also the daemon's file numbers. Pool 4 (AUTO_INTERNAL) has no OpenBSD name and stays out.</li>
 * <li>Lengths: OpenBSD cuts written values to 255 bytes in its kernel. Here a write is refused when its
 *     key name (ERANGE) or value (E2BIG) would not reach the host intact: the record holds 511 and 2047
 *     bytes, and the Linux kernel passes at most 254 and 1022 UTF-16 units to the host, cutting silently.
 *     Values must be UTF-8 without inner NULs (EINVAL), as the kernel converts them to UTF-16.</li>
 * <li>The Auto pool: on Linux the daemon answers the host's enumeration of Auto from live system data and
 *     never reads {@code .kvp_pool_2}; the rules (update existing keys only) apply to that file, which is
 *     normally empty, so Auto keys read and update as ENOENT there.</li>
 * <li>Damaged files (length not a multiple of 2560) are read up to the last whole record, reported through
 *     {@link io.pvscope.agent.kv.kvp.KvpPoolStore#damage()} and a log warning, and repaired by the next
 *     appended record, which overwrites the stray tail.</li>
 * </ul>
 */
package io.pvscope.agent.kv.kvp;
