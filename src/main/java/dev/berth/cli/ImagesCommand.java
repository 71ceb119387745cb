package dev.berth.cli;

import dev.berth.domain.ByteSize;
import dev.berth.engine.Engine;
import dev.berth.engine.EngineLocator;
import dev.berth.engine.LocalImage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth images}: the images of the local Docker or Podman engine, as {@code docker images} lists them. */
@Command(name = "images", description = {"List the images of the local Docker or Podman engine (found through DOCKER_HOST or its socket).",
        "Copy one with: berth copy engine:REPO:TAG docker://HOST/REPO:TAG"})
final class ImagesCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON document to stdout.")
    boolean json;

    private final CliEnvironment environment;

    ImagesCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        List<LocalImage> images;
        try (Engine engine = new EngineLocator(environment.variables()).connect()) {
            images = engine.images();
        }
        if (json) new Output(environment.out()).json(images.stream().map(ImagesCommand::toJson).toList());
        else printText(images, environment.out());
        return BerthCli.OK;
    }

    private static Map<String, Object> toJson(LocalImage image) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", image.id());
        json.put("repoTags", image.repoTags());
        json.put("repoDigests", image.repoDigests());
        json.put("size", image.size());
        json.put("created", image.created().toString());
        return json;
    }

    /** One line per name (an untagged image gets one line, named by its id), columns as docker images has them. */
    private static void printText(List<LocalImage> images, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "IMAGE ID", "CREATED", "SIZE"});
        for (LocalImage image : images) {
            List<String> names = image.repoTags().isEmpty() ? List.of("<none>") : image.repoTags();
            for (String name : names) {
                rows.add(new String[] {name, image.shortId(), image.created().toString(), ByteSize.format(image.size())});
            }
        }
        new Output(out).table(rows);
    }
}
