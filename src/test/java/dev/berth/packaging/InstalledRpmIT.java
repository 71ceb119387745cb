package dev.berth.packaging;

import static dev.berth.packaging.InstalledPackage.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.packaging.InstalledPackage.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .rpm that {@code ./mvnw -Pinstaller verify} builds where rpmbuild is installed (Debian: rpm), unpacked into a
 * scratch root as rpm would install it ({@code rpm2cpio | cpio}): Fedora's names for the libraries the window needs,
 * {@code berth} on the PATH, the app in the menu and the command line hidden from it, the installed {@code berth}
 * answers, and the app starts from its start-up cache where the package put it. A copy is InstalledDebIT's: both
 * packages carry the same app image.
 */
class InstalledRpmIT {

    @TempDir
    Path work;

    @Test
    void theInstalledPackageHasItsMenuEntryAndItsBerthAnswers() throws Exception {
        tool("rpmbuild", "rpm");
        InstalledPackage installed = new InstalledPackage(work);
        Path rpm = InstalledPackage.built("berth-.*\\.rpm");

        Result requires = installed.run(List.of(tool("rpm", "rpm"), "-qp", "--requires", rpm.toString()), Map.of(), 60);
        assertEquals(0, requires.code(), requires.err());
        assertTrue(requires.out().lines().toList().containsAll(List.of("gtk3", "libXtst", "alsa-lib", "xdg-utils")), requires.out());
        Result files = installed.run(List.of("rpm", "-qpl", rpm.toString()), Map.of(), 60);
        assertTrue(files.out().lines().noneMatch(line -> List.of("/opt", "/usr", "/usr/bin").contains(line)),
                "the package claims a directory of the system: " + files.out().lines().limit(5).toList());

        Path root = work.resolve("root");
        Files.createDirectories(root);
        String unpack = "cd '" + root + "' && '" + tool("rpm2cpio", "rpm") + "' '" + rpm.toAbsolutePath() + "' | '"
                + tool("cpio", "cpio") + "' -idm --quiet";
        Result unpacked = installed.run(List.of("sh", "-c", unpack), Map.of(), 180);
        assertEquals(0, unpacked.code(), unpacked.err());

        assertEquals(Path.of("/opt/berth/bin/berth"), Files.readSymbolicLink(root.resolve("usr/bin/berth")), "berth is not on the PATH");
        String app = Files.readString(root.resolve("opt/berth/lib/berth-Berth.desktop"));
        assertTrue(app.contains("Exec=/opt/berth/bin/Berth") && app.contains("MimeType=application/x-tar;"), app);
        String cli = Files.readString(root.resolve("opt/berth/lib/berth-berth.desktop"));
        assertTrue(cli.contains("NoDisplay=true"), "the command line shows in the menu:\n" + cli);

        Result version = installed.run(List.of(root.resolve("opt/berth/bin/berth").toString(), "--version"), Map.of(), 120);
        assertEquals(0, version.code(), version.err());
        assertEquals("berth " + System.getProperty("berth.expectedVersion"), version.out().strip());
        installed.assertStartsFromItsCache(root.resolve("opt/berth/bin/Berth"), root.resolve("opt/berth/lib/app"));
    }
}
