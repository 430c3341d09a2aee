import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Another process keeping a file locked (fcntl, as the store's own lock): locks FILE exclusively, says
 * "locked", and holds the lock until it is killed. Launched as a single-file program.
 */
public class HoldLock {

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE);
             var lock = channel.lock(0, Long.MAX_VALUE, false)) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
