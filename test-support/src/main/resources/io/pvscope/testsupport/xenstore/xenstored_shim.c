/*
 * Lets the real XenStore daemons (cxenstored, oxenstored) run on a machine without Xen, for PvScope's tests.
 *
 * Loaded with LD_PRELOAD, it answers the few hypervisor calls the daemons make:
 *  - control and grant-table handles are dummies;
 *  - the event channel is a FIFO in $XS_SHIM_DIR: a test wakes the daemon by writing a 4-byte port number
 *    into it (the port of the domain whose ring it filled), which the daemon then reads as "pending";
 *  - bound ports are the remote ports themselves, so a test knows the port of the domain it introduced;
 *  - a domain's ring page is the file $XS_SHIM_DIR/ring-<domid>, mapped shared, so a test can play a guest
 *    (an unprivileged connection: the only way to see XenStore's per-node permissions refuse a request);
 *  - /proc/xen/xsd_port and /proc/xen/xsd_kva (dom0's port and ring page) are redirected to files there.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define RING_PAGE_SIZE 4096
#define VIRQ_PORT 1

static int dummy_handle;
static int event_fd = -1;

static const char *shim_dir(void)
{
    const char *dir = getenv("XS_SHIM_DIR");
    return dir ? dir : ".";
}

static void shim_path(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", shim_dir(), name);
}

/* Maps /proc/xen/xsd_* to the test's files; returns NULL for every other path. */
static const char *redirect(const char *path, char *buf, size_t size)
{
    if (path && strcmp(path, "/proc/xen/xsd_port") == 0) {
        shim_path(buf, size, "xsd_port");
        return buf;
    }
    if (path && strcmp(path, "/proc/xen/xsd_kva") == 0) {
        shim_path(buf, size, "xsd_kva");
        return buf;
    }
    return NULL;
}

static int open_through(const char *symbol, const char *path, int flags, mode_t mode)
{
    int (*real_open)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, symbol);
    char buf[4096];
    const char *target = redirect(path, buf, sizeof(buf));
    return real_open(target ? target : path, flags, mode);
}

int open(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return open_through("open", path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return open_through("open64", path, flags, mode);
}

/* oxenstored raises its descriptor limit beyond what an unprivileged container may grant: clamp it. */
int setrlimit(__rlimit_resource_t resource, const struct rlimit *limit)
{
    int (*real_setrlimit)(__rlimit_resource_t, const struct rlimit *) =
        (int (*)(__rlimit_resource_t, const struct rlimit *))dlsym(RTLD_NEXT, "setrlimit");
    struct rlimit clamped = *limit;
    struct rlimit current;
    if (resource == RLIMIT_NOFILE && getrlimit(RLIMIT_NOFILE, &current) == 0) {
        if (clamped.rlim_max > current.rlim_max)
            clamped.rlim_max = current.rlim_max;
        if (clamped.rlim_cur > clamped.rlim_max)
            clamped.rlim_cur = clamped.rlim_max;
    }
    return real_setrlimit(resource, &clamped);
}

/* ---- domain rings ---- */

static void *map_ring(unsigned int domid)
{
    char name[64], path[4096];
    snprintf(name, sizeof(name), "ring-%u", domid);
    shim_path(path, sizeof(path), name);
    int fd = open_through("open", path, O_RDWR, 0);
    if (fd < 0)
        return NULL;
    void *page = mmap(NULL, RING_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return page == MAP_FAILED ? NULL : page;
}

void *xc_interface_open(void *logger, void *dombuild_logger, unsigned int flags)
{
    return &dummy_handle;
}

int xc_interface_close(void *xch)
{
    return 0;
}

/* Every domain exists and runs: the daemons ask only to notice dying ones. Fills domid and the flag word. */
int xc_domain_getinfo(void *xch, uint32_t first_domid, unsigned int max_doms, void *info)
{
    if (max_doms == 0)
        return 0;
    memset(info, 0, 16);
    memcpy(info, &first_domid, sizeof(first_domid));
    return 1;
}

int xc_domain_getinfolist(void *xch, uint32_t first_domain, unsigned int max_domains, void *info)
{
    return 0;
}

void *xc_map_foreign_range(void *xch, uint32_t dom, int size, int prot, unsigned long mfn)
{
    return map_ring(dom);
}

void *xengnttab_open(void *logger, unsigned int flags)
{
    return &dummy_handle;
}

int xengnttab_close(void *xgt)
{
    return 0;
}

int xengnttab_set_max_grants(void *xgt, uint32_t count)
{
    return 0;
}

void *xengnttab_map_grant_ref(void *xgt, uint32_t domid, uint32_t ref, int prot)
{
    return map_ring(domid);
}

int xengnttab_unmap(void *xgt, void *start_address, uint32_t count)
{
    return munmap(start_address, (size_t)count * RING_PAGE_SIZE);
}

/* ---- event channels ---- */

void *xenevtchn_open(void *logger, unsigned int flags)
{
    if (event_fd < 0) {
        char path[4096];
        shim_path(path, sizeof(path), "evtchn");
        /* Read-write so the FIFO never reports end-of-file while no test holds it open. */
        event_fd = open_through("open", path, O_RDWR | O_NONBLOCK | O_CLOEXEC, 0);
        if (event_fd < 0)
            event_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    }
    return event_fd < 0 ? NULL : &dummy_handle;
}

void *xenevtchn_fdopen(void *logger, int fd, unsigned int flags)
{
    event_fd = fd;
    return &dummy_handle;
}

int xenevtchn_close(void *xce)
{
    return 0;
}

int xenevtchn_fd(void *xce)
{
    return event_fd;
}

int xenevtchn_bind_virq(void *xce, unsigned int virq)
{
    return VIRQ_PORT;
}

int xenevtchn_bind_interdomain(void *xce, uint32_t domid, uint32_t remote_port)
{
    return (int)remote_port;
}

int xenevtchn_unbind(void *xce, uint32_t port)
{
    return 0;
}

int xenevtchn_notify(void *xce, uint32_t port)
{
    return 0;
}

int xenevtchn_unmask(void *xce, uint32_t port)
{
    return 0;
}

/* The port a test wrote into the FIFO; without one (a spurious wake-up) a port no domain uses. */
int xenevtchn_pending(void *xce)
{
    uint32_t port;
    if (read(event_fd, &port, sizeof(port)) != (ssize_t)sizeof(port))
        return 0;
    return (int)port;
}
