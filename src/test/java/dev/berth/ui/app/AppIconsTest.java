package dev.berth.ui.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every window icon size is on the class path, is a PNG and is the size its name says (read from the PNG header). */
class AppIconsTest {

    @Test
    void everySizeIsAPngOfThatSize() throws Exception {
        List<URL> icons = AppIcons.resources();
        assertEquals(AppIcons.SIZES.size(), icons.size());
        for (int i = 0; i < icons.size(); i++) {
            try (InputStream in = icons.get(i).openStream()) {
                byte[] header = in.readNBytes(24);
                assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(header, 4), icons.get(i).toString());
                ByteBuffer ihdr = ByteBuffer.wrap(header, 16, 8);
                int size = AppIcons.SIZES.get(i);
                assertEquals(size, ihdr.getInt(), "width of " + icons.get(i));
                assertEquals(size, ihdr.getInt(), "height of " + icons.get(i));
            }
        }
    }
}
