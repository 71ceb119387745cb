package dev.berth.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.demo.DemoFolders;
import dev.berth.registry.RegistryClient;
import dev.berth.store.ExternalTool;
import dev.berth.store.OciLayout;
import dev.berth.store.RegistryStore;
import dev.berth.work.CancelSignal;
import dev.berth.work.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy engine on a folder connection, through RegistryStore like any registry: export out of it, push into it. */
class FolderCopyTest {

    @TempDir
    Path work;

    @Test
    void exportsAMultiArchImageAndPushesItBackUnderAnotherName() throws Exception {
        Path demo = work.resolve("demo");
        RegistryClient client = DemoFolders.written(demo);

        Path exported = work.resolve("exported");
        CopyResult out;
        try (OciLayout layout = OciLayout.open(exported)) {
            out = new ImageCopier(work.resolve("scratch")).copy(new RegistryStore(client, "library/alpine"), "latest", layout,
                    Optional.of("latest"), CopyOptions.defaults(), CancelSignal.none(), Progress.none());
        }
        assertTrue(out.digestPreserved());
        assertTrue(ExternalTool.run(work, "skopeo", "inspect", "--raw", "oci:" + exported + ":latest").contains("arm64"));

        CopyResult in;
        try (OciLayout layout = OciLayout.open(exported)) {
            in = new ImageCopier(work.resolve("scratch")).copy(layout, "latest", new RegistryStore(client, "mirror/alpine"),
                    Optional.of("3.20"), CopyOptions.defaults(), CancelSignal.none(), Progress.none());
        }
        assertEquals(out.digest(), in.digest());
        assertTrue(client.catalog().contains("mirror/alpine"));
        assertEquals(List.of("3.20"), client.tags("mirror/alpine"));

        CopyResult signed = new ImageCopier(work.resolve("scratch")).copy(new RegistryStore(client, "team/api"), "1.2.0",
                new RegistryStore(client, "team/api-copy"), Optional.of("1.2.0"), CopyOptions.defaults().withReferrers(true),
                CancelSignal.none(), Progress.none());
        assertEquals(1, client.referrers("team/api-copy", signed.digest()).size(), "the signature came along");
    }
}
