/*
 * LD_PRELOAD shim that lets the real hv_kvp_daemon run without Hyper-V.
 *
 * The daemon talks to the Hyper-V KVP driver through the character device
 * /dev/vmbus/hv_kvp, one fixed-size struct hv_kvp_msg per read(2) or write(2).
 * Opening that path here connects a unix stream socket to the test's stand-in
 * for the host instead (path in PVSCOPE_KVP_HOST_SOCKET). Reads and writes on
 * that descriptor are completed to whole messages, because a stream socket may
 * split them while the device never does. Every other call goes to libc.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

#define KVP_DEVICE "/dev/vmbus/hv_kvp"
#define HOST_SOCKET_ENV "PVSCOPE_KVP_HOST_SOCKET"

static int host_fd = -1;

static int connect_to_host(int flags)
{
	const char *path = getenv(HOST_SOCKET_ENV);
	struct sockaddr_un addr;
	int type = SOCK_STREAM;
	int fd;

	if (path == NULL || strlen(path) >= sizeof(addr.sun_path)) {
		errno = ENOENT;
		return -1;
	}
	if (flags & O_CLOEXEC)
		type |= SOCK_CLOEXEC;
	fd = socket(AF_UNIX, type, 0);
	if (fd < 0)
		return -1;
	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	strcpy(addr.sun_path, path);
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	host_fd = fd;
	return fd;
}

int open(const char *path, int flags, ...)
{
	static int (*libc_open)(const char *, int, ...);
	mode_t mode = 0;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	if (strcmp(path, KVP_DEVICE) == 0)
		return connect_to_host(flags);
	if (libc_open == NULL)
		libc_open = dlsym(RTLD_NEXT, "open");
	return libc_open(path, flags, mode);
}

static ssize_t (*libc_read)(int, void *, size_t);
static ssize_t (*libc_write)(int, const void *, size_t);

static void find_libc_io(void)
{
	if (libc_read == NULL) {
		libc_read = dlsym(RTLD_NEXT, "read");
		libc_write = dlsym(RTLD_NEXT, "write");
	}
}

/* Moves all of count bytes, or fails: a short transfer would break the message framing. */
static ssize_t transfer_whole(int fd, void *buf, size_t count, int reading)
{
	size_t done = 0;

	while (done < count) {
		ssize_t n = reading ? libc_read(fd, (char *)buf + done, count - done)
				    : libc_write(fd, (const char *)buf + done, count - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return done > 0 ? (ssize_t)done : -1;
		if (n == 0)
			break;
		done += n;
	}
	return done;
}

ssize_t read(int fd, void *buf, size_t count)
{
	find_libc_io();
	if (fd >= 0 && fd == host_fd)
		return transfer_whole(fd, buf, count, 1);
	return libc_read(fd, buf, count);
}

ssize_t write(int fd, const void *buf, size_t count)
{
	find_libc_io();
	if (fd >= 0 && fd == host_fd)
		return transfer_whole(fd, (void *)buf, count, 0);
	return libc_write(fd, buf, count);
}

int close(int fd)
{
	static int (*libc_close)(int);

	if (fd >= 0 && fd == host_fd)
		host_fd = -1;
	if (libc_close == NULL)
		libc_close = dlsym(RTLD_NEXT, "close");
	return libc_close(fd);
}
