package dev.berth.ui.jobs;

import javafx.geometry.Pos;
import javafx.stage.Window;
import org.controlsfx.control.Notifications;

/** Job notices as ControlsFX notification popups in the window's bottom-right corner, above the jobs panel. */
public final class JobNotifications implements JobNotice.Sink {

    private final java.util.function.Supplier<Window> owner;

    public JobNotifications(java.util.function.Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void show(JobNotice notice) {
        Window window = owner.get();
        if (window == null || !window.isShowing()) return; // nothing to anchor to yet (startup, shutdown)
        Notifications popup = Notifications.create().title(notice.title()).text(notice.text()).owner(window)
                .position(Pos.BOTTOM_RIGHT).hideAfter(javafx.util.Duration.seconds(notice.failed() ? 12 : 6));
        if (notice.failed()) popup.showError();
        else popup.showInformation();
    }
}
