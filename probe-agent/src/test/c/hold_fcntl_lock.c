/*
 * Holds a whole-file fcntl lock, as hv_kvp_daemon takes it, for as long as its standard input is open:
 *   hold_fcntl_lock FILE read|write
 * Prints "locked" once it holds the lock, so a test knows when the other process is in the way.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct flock whole = { 0 };
	char sink[64];
	int writing, fd;

	if (argc != 3 || (strcmp(argv[2], "read") != 0 && strcmp(argv[2], "write") != 0)) {
		fprintf(stderr, "usage: %s FILE read|write\n", argv[0]);
		return 2;
	}
	writing = strcmp(argv[2], "write") == 0;
	fd = open(argv[1], writing ? O_RDWR : O_RDONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	whole.l_type = writing ? F_WRLCK : F_RDLCK;
	whole.l_whence = SEEK_SET; /* l_start 0, l_len 0: the whole file, however long it grows */
	if (fcntl(fd, F_SETLKW, &whole) < 0) {
		perror("fcntl");
		return 1;
	}
	printf("locked\n");
	fflush(stdout);
	while (read(STDIN_FILENO, sink, sizeof(sink)) > 0)
		;
	return 0;
}
