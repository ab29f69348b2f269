package org.vigil.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Every path under some folders, to compare the machine before an install and after a purge. */
record FileTree(Set<String> paths) {
    /** dpkg's and apt's own records change with every install; they are not the package's files. */
    private static final List<String> NOT_OURS = List.of("/var/lib/dpkg", "/var/lib/apt", "/var/cache",
            "/etc/ld.so.cache");

    static FileTree of(List<Path> roots) throws IOException {
        Set<String> paths = new TreeSet<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.map(Path::toString).filter(p -> NOT_OURS.stream().noneMatch(p::startsWith)).forEach(paths::add);
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException)) {
                    throw e;
                }
                // something else on the machine removed a file during the walk: not ours, walk again
                return of(roots);
            }
        }
        return new FileTree(paths);
    }

    Set<String> added(FileTree before) {
        Set<String> added = new TreeSet<>(paths);
        added.removeAll(before.paths);
        return added;
    }
}
