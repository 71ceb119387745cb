package dev.berth.ui.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A dragged tag carries ids only, and where it is dropped decides between Copy to… and Retag…. */
class TagDragTest {

    private final TagDrag drag = new TagDrag("conn-1", "team/app", "1.0");

    @Test
    void readsBackWhatItWrote() {
        assertEquals(Optional.of(drag), TagDrag.decode(drag.encoded()));
        assertEquals("berth-tag/1\nconn-1\nteam/app\n1.0", drag.encoded(), "ids only: no host, client or credential");
    }

    @Test
    void othersTextIsNotATag() {
        assertTrue(TagDrag.decode("localhost:5000/team/app:1.0").isEmpty());
        assertTrue(TagDrag.decode(null).isEmpty());
        assertTrue(TagDrag.decode("berth-tag/1\nconn-1\nTeam App\n1.0").isEmpty(), "not a repository name");
        assertTrue(TagDrag.decode("berth-tag/1\nconn-1\nteam/app\n-bad").isEmpty(), "not a tag");
        assertTrue(TagDrag.decode("berth-tag/2\nconn-1\nteam/app\n1.0").isEmpty(), "another version");
    }

    @Test
    void onAnotherRegistrysRepositoryItIsCopiedThereKeepingTheTag() {
        assertEquals(new TagDrag.Copy(new TransferDialogs.Destination("conn-2", "mirror/app", "1.0")),
                drag.droppedOn("conn-2", Optional.of("mirror/app")));
    }

    @Test
    void onARegistryItGoesToARepositoryOfTheSameName() {
        assertEquals(new TagDrag.Copy(new TransferDialogs.Destination("conn-2", "team/app", "1.0")), drag.droppedOn("conn-2", Optional.empty()));
    }

    @Test
    void withinOneRegistryAnotherRepositoryIsACopy() {
        assertEquals(new TagDrag.Copy(new TransferDialogs.Destination("conn-1", "team/other", "1.0")),
                drag.droppedOn("conn-1", Optional.of("team/other")));
    }

    @Test
    void onItsOwnRepositoryOrItsOwnRegistryItIsARetag() {
        assertEquals(new TagDrag.Retag(), drag.droppedOn("conn-1", Optional.of("team/app")));
        assertEquals(new TagDrag.Retag(), drag.droppedOn("conn-1", Optional.empty()));
        assertFalse(drag.droppedOn("conn-2", Optional.of("team/app")) instanceof TagDrag.Retag, "same name elsewhere is a copy");
    }
}
