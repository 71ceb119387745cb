package dev.berth.jobs;

import dev.berth.store.ImageDestination;
import dev.berth.store.ImageSource;
import dev.berth.transfer.CopyResult;
import dev.berth.transfer.ImageCopier;
import java.util.Optional;
import java.util.function.Consumer;

/** Runs {@link CopyRequest}s as jobs of a {@link JobService}, opening their places afresh for each attempt. */
public final class CopyJobs {

    private final JobService jobs;
    private final Places places;
    private final ImageCopier copier;
    private final Consumer<CopyRequest> landed;

    public CopyJobs(JobService jobs, Places places, ImageCopier copier) {
        this(jobs, places, copier, request -> { });
    }

    /**
     * {@code landed} hears of every copy that arrived (a retry that succeeds too), on the job's
     * thread, so that whoever shows the destination can look again; it must be quick.
     */
    public CopyJobs(JobService jobs, Places places, ImageCopier copier, Consumer<CopyRequest> landed) {
        this.jobs = jobs;
        this.places = places;
        this.copier = copier;
        this.landed = landed;
    }

    public Job submit(CopyRequest request) {
        return jobs.submit(request.describe(), (cancel, progress) -> {
            CopyResult result;
            try (ImageSource in = places.source(request.from().place(), cancel);
                    ImageDestination out = places.destination(request.to().place(), cancel)) {
                result = copier.copy(in, request.from().name(), out, request.destinationName(), request.effectiveOptions(), cancel,
                        progress.transferProgress());
            }
            landed.accept(request);
            return new JobOutcome(Optional.of(result.digest()), result.bytes(), note(result));
        });
    }

    private static String note(CopyResult result) {
        String blobs = result.blobsCopied() + " copied, " + result.blobsSkipped() + " already there"
                + (result.blobsMounted() > 0 ? ", " + result.blobsMounted() + " linked" : "");
        return blobs + result.digestChange().map(why -> "; new digest because " + why).orElse("");
    }
}
