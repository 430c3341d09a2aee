/*
 * A stand-in for OpenBSD's /dev/pvbusN on Linux, loaded with LD_PRELOAD into a test JVM.
 *
 * It intercepts open(2), ioctl(2) and close(2) for "/dev/pvbusN" and answers as pvbus(4) does, using
 * struct pvbus_req and the PVBUSIOC_* numbers exactly as OpenBSD's headers define them. The Java side
 * computes its own numbers and layout; it only gets answers when both agree with this compiler's view.
 *
 * PVBUS_SHIM_UNITS names the units in /dev/pvbusN order, e.g. "KVM,Xen". Units named Xen, Hyper-V or
 * VMware have a small key/value table; the others have no backend, like KVM, bhyve and vmm.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* sys/sys/ioccom.h, under our own names: Linux's <sys/ioctl.h> encodes requests differently. */
#define OBSD_IOCPARM_MASK 0x1fffUL
#define OBSD_IOCPARM_LEN(x) (((x) >> 16) & OBSD_IOCPARM_MASK)
#define OBSD_IOC_OUT 0x40000000UL
#define OBSD_IOC_IN 0x80000000UL
#define OBSD_IOC_INOUT (OBSD_IOC_IN | OBSD_IOC_OUT)
#define OBSD_IOC(inout, group, num, len) \
	((unsigned long)(inout) | (((unsigned long)(len) & OBSD_IOCPARM_MASK) << 16) | \
	 ((unsigned long)(group) << 8) | (unsigned long)(num))
#define OBSD_IOWR(group, num, type) OBSD_IOC(OBSD_IOC_INOUT, (group), (num), sizeof(type))

/* sys/dev/pv/pvvar.h, the part visible to userland. */
struct pvbus_req {
	size_t pvr_keylen;
	char *pvr_key;
	size_t pvr_valuelen;
	char *pvr_value;
};

#define PVBUSIOC_KVREAD OBSD_IOWR('V', 1, struct pvbus_req)
#define PVBUSIOC_KVWRITE OBSD_IOWR('V', 2, struct pvbus_req)
#define PVBUSIOC_TYPE OBSD_IOWR('V', 3, struct pvbus_req)
#define PVBUS_KVOP_MAXSIZE (64 * 1024)

_Static_assert(offsetof(struct pvbus_req, pvr_keylen) == 0, "keylen first");
_Static_assert(offsetof(struct pvbus_req, pvr_key) == sizeof(size_t), "key after keylen");
_Static_assert(offsetof(struct pvbus_req, pvr_valuelen) == sizeof(size_t) + sizeof(char *), "valuelen third");
_Static_assert(offsetof(struct pvbus_req, pvr_value) == 2 * sizeof(size_t) + sizeof(char *), "value last");
_Static_assert(sizeof(struct pvbus_req) == 2 * sizeof(size_t) + 2 * sizeof(char *), "no padding");
#if defined(__LP64__)
_Static_assert(sizeof(struct pvbus_req) == 32, "32 bytes on LP64");
_Static_assert(PVBUSIOC_KVREAD == 0xC0205601UL, "KVREAD on amd64");
_Static_assert(PVBUSIOC_KVWRITE == 0xC0205602UL, "KVWRITE on amd64");
_Static_assert(PVBUSIOC_TYPE == 0xC0205603UL, "TYPE on amd64");
#endif

#define DEVICE_PREFIX "/dev/pvbus"
#define MAX_UNITS 8
#define MAX_FDS 4096
#define MAX_ENTRIES 64

enum kv_kind { KV_NONE, KV_XEN, KV_HYPERV, KV_VMWARE };

struct entry {
	char *key;
	char *value;
};

struct unit {
	char name[32];
	enum kv_kind kind;
	struct entry entries[MAX_ENTRIES];
	int nentries;
};

struct handle {
	int open;
	int unit;
	int writable;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct unit units[MAX_UNITS];
static int nunits;
static struct handle handles[MAX_FDS];

static int (*real_open)(const char *, int, ...);
static int (*real_ioctl)(int, unsigned long, ...);
static int (*real_close)(int);

static void
put(struct unit *u, const char *key, const char *value)
{
	for (int i = 0; i < u->nentries; i++) {
		if (strcmp(u->entries[i].key, key) == 0) {
			free(u->entries[i].value);
			u->entries[i].value = strdup(value);
			return;
		}
	}
	if (u->nentries < MAX_ENTRIES) {
		u->entries[u->nentries].key = strdup(key);
		u->entries[u->nentries].value = strdup(value);
		u->nentries++;
	}
}

static char *
repeated(size_t len)
{
	char *s = malloc(len + 1);
	for (size_t i = 0; i < len; i++)
		s[i] = 'a' + i % 26;
	s[len] = '\0';
	return s;
}

static void
seed(struct unit *u)
{
	char *big;

	if (strcmp(u->name, "Xen") == 0) {
		u->kind = KV_XEN;
		put(u, "name", "openbsd-guest");
		put(u, "device/vif/0/mac", "fe:e1:ba:d0:27:0f");
		put(u, "device/vif/0/state", "4");
		put(u, "device/vbd/768/state", "4");
		put(u, "control/shutdown", "");
		big = repeated(6000);		/* needs one doubling of a 4096-byte buffer */
		put(u, "data/big", big);
		free(big);
		big = repeated(70000);		/* more than any buffer the kernel accepts */
		put(u, "data/huge", big);
		free(big);
	} else if (strcmp(u->name, "Hyper-V") == 0) {
		u->kind = KV_HYPERV;
		put(u, "Auto/OSName", "OpenBSD");
		put(u, "Auto/OSVersion", "7.5");
		put(u, "Guest/Parameters/HostName", "hv-host-01");
	} else if (strcmp(u->name, "VMware") == 0) {
		u->kind = KV_VMWARE;
		put(u, "guestinfo.hostname", "vm-111.example.com");
	} else {
		u->kind = KV_NONE;
	}
}

static void
init(void)
{
	const char *spec = getenv("PVBUS_SHIM_UNITS");
	char *copy, *save = NULL, *name;

	real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	real_ioctl = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
	real_close = (int (*)(int))dlsym(RTLD_NEXT, "close");
	if (spec == NULL)
		return;
	copy = strdup(spec);
	for (name = strtok_r(copy, ",", &save); name != NULL && nunits < MAX_UNITS;
	    name = strtok_r(NULL, ",", &save)) {
		snprintf(units[nunits].name, sizeof(units[nunits].name), "%s", name);
		seed(&units[nunits]);
		nunits++;
	}
	free(copy);
}

/* -1 if path is not a pvbus node; the minor number otherwise (-2: /dev/pvbus followed by junk). */
static int
minor_of(const char *path)
{
	const char *p;
	int n = 0;

	if (path == NULL || strncmp(path, DEVICE_PREFIX, strlen(DEVICE_PREFIX)) != 0)
		return -1;
	p = path + strlen(DEVICE_PREFIX);
	if (*p == '\0')
		return -2;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9' || n > 1000)
			return -2;
		n = n * 10 + (*p - '0');
	}
	return n;
}

int
open(const char *path, int flags, ...)
{
	int minor, fd;
	mode_t mode = 0;

	pthread_once(&once, init);
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	minor = minor_of(path);
	if (minor == -1)
		return real_open(path, flags, mode);
	if (minor == -2) {
		errno = ENOENT;
		return -1;
	}
	if (minor >= nunits) {		/* pvbusopen: no such hypervisor */
		errno = ENXIO;
		return -1;
	}
	fd = real_open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fd >= MAX_FDS) {
		real_close(fd);
		errno = EMFILE;
		return -1;
	}
	pthread_mutex_lock(&lock);
	handles[fd].open = 1;
	handles[fd].unit = minor;
	handles[fd].writable = (flags & O_ACCMODE) != O_RDONLY;
	pthread_mutex_unlock(&lock);
	return fd;
}

int
close(int fd)
{
	pthread_once(&once, init);
	if (fd >= 0 && fd < MAX_FDS) {
		pthread_mutex_lock(&lock);
		handles[fd].open = 0;
		pthread_mutex_unlock(&lock);
	}
	return real_close(fd);
}

/* pvbusgetstr: a user buffer of len bytes, copied into a NUL-terminated kernel buffer. */
static int
getstr(size_t len, const char *user, int copyin, char **out)
{
	char *s;

	if (len < 1)
		return EINVAL;
	if (len > PVBUS_KVOP_MAXSIZE)
		return ENAMETOOLONG;
	if ((s = calloc(1, len + 1)) == NULL)
		return ENOMEM;
	if (copyin)
		memcpy(s, user, len);
	*out = s;
	return 0;
}

/* XenStore-like: a key is a leaf, or a directory whose children are listed one per line. */
static int
kv_read(struct unit *u, const char *key, char *value, size_t valuelen)
{
	char path[512], child[512];
	size_t plen, used = 0;
	int found = 0;

	snprintf(path, sizeof(path), "%s", key);
	plen = strlen(path);
	if (plen > 0 && path[plen - 1] == '/')
		path[--plen] = '\0';
	for (int i = 0; i < u->nentries; i++) {
		if (strcmp(u->entries[i].key, path) == 0) {
			if (strlen(u->entries[i].value) + 1 > valuelen)
				return ERANGE;
			strcpy(value, u->entries[i].value);
			return 0;
		}
	}
	if (u->kind == KV_VMWARE)
		return EINVAL;		/* vmt: the host answered "0 No value found" */
	value[0] = '\0';
	for (int i = 0; i < u->nentries; i++) {
		const char *k = u->entries[i].key, *end;
		size_t clen;
		int seen = 0;

		if (strncmp(k, path, plen) != 0 || k[plen] != '/')
			continue;
		k += plen + 1;
		end = strchr(k, '/');
		clen = end ? (size_t)(end - k) : strlen(k);
		snprintf(child, sizeof(child), "%.*s", (int)clen, k);
		/* each child once, in the order first seen */
		for (int j = 0; j < i && !seen; j++) {
			const char *o = u->entries[j].key;
			seen = strncmp(o, path, plen) == 0 && o[plen] == '/' &&
			    strncmp(o + plen + 1, child, clen) == 0 &&
			    (o[plen + 1 + clen] == '/' || o[plen + 1 + clen] == '\0');
		}
		if (seen)
			continue;
		if (used + (found ? 1 : 0) + clen + 1 > valuelen)
			return ERANGE;
		if (found)
			value[used++] = '\n';
		memcpy(value + used, child, clen);
		used += clen;
		value[used] = '\0';
		found = 1;
	}
	return found ? 0 : ENOENT;
}

static int
kv_write(struct unit *u, const char *key, char *value, size_t valuelen)
{
	put(u, key, value);
	if (u->kind == KV_HYPERV)
		return 0;		/* hypervic leaves the written value to be copied back */
	memset(value, 0, valuelen);	/* xenstore and vmt return nothing */
	return 0;
}

static int
pvbus_ioctl(struct handle *h, unsigned long cmd, struct pvbus_req *req)
{
	struct unit *u = &units[h->unit];
	char *key = NULL, *value = NULL;
	size_t len;
	int error;

	switch (cmd) {
	case PVBUSIOC_KVWRITE:
		if (!h->writable)
			return EPERM;
		/* FALLTHROUGH */
	case PVBUSIOC_KVREAD:
		if (u->kind == KV_NONE)
			return ENXIO;
		if ((error = getstr(req->pvr_keylen, req->pvr_key, 1, &key)) != 0)
			return error;
		if ((error = getstr(req->pvr_valuelen, req->pvr_value, cmd == PVBUSIOC_KVWRITE, &value)) != 0) {
			free(key);
			return error;
		}
		if (cmd == PVBUSIOC_KVREAD)
			error = kv_read(u, key, value, req->pvr_valuelen);
		else
			error = kv_write(u, key, value, req->pvr_valuelen);
		if (error == 0)
			memcpy(req->pvr_value, value, strlen(value) + 1);
		free(key);
		free(value);
		return error;
	case PVBUSIOC_TYPE:
		len = strlen(u->name) + 1;
		if (req->pvr_keylen < len)
			return ENOMEM;
		memcpy(req->pvr_key, u->name, len);
		return 0;
	default:
		if (((cmd >> 8) & 0xff) == 'V' && OBSD_IOCPARM_LEN(cmd) != sizeof(struct pvbus_req))
			fprintf(stderr, "pvbus shim: request 0x%lx carries %lu bytes, struct pvbus_req has %zu\n",
			    cmd, OBSD_IOCPARM_LEN(cmd), sizeof(struct pvbus_req));
		else
			fprintf(stderr, "pvbus shim: unknown request 0x%lx\n", cmd);
		return ENOTTY;
	}
}

int
ioctl(int fd, unsigned long cmd, ...)
{
	va_list ap;
	void *arg;
	int error;

	pthread_once(&once, init);
	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (fd < 0 || fd >= MAX_FDS)
		return real_ioctl(fd, cmd, arg);
	pthread_mutex_lock(&lock);
	if (!handles[fd].open) {
		pthread_mutex_unlock(&lock);
		return real_ioctl(fd, cmd, arg);
	}
	error = pvbus_ioctl(&handles[fd], cmd, arg);
	pthread_mutex_unlock(&lock);
	if (error != 0) {
		errno = error;
		return -1;
	}
	return 0;
}
