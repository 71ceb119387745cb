package dev.berth.ui.browser;

import atlantafx.base.theme.Styles;
import dev.berth.registry.Capabilities;
import dev.berth.ui.common.UserMessage;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** What a connection is and allows: capability badges, problems with a way to fix them, and "add a repository" for registries without a catalog. */
public final class RegistryOverviewView extends VBox {

    private final BrowserViewModel viewModel;
    private final RegistryOverviewModel figuresModel;
    private final RegistryFiguresView figures;
    private final Label title = new Label();
    private final Label host = new Label();
    private final FlowPane badges = new FlowPane(6, 6);
    private final VBox problemBox = new VBox(6);
    private final VBox catalogBox = new VBox(6);
    private final VBox tagDeletionBox = new VBox(6);
    private final Label repositories = new Label();
    private RegistryNode shown;
    private final InvalidationListener refresh = obs -> update();
    private Consumer<RegistryNode> onFixConnection = node -> {};
    private Consumer<RegistryNode> onCheckTagDeletion = node -> {};

    public RegistryOverviewView(BrowserViewModel viewModel, RegistryOverviewModel figuresModel) {
        this.viewModel = viewModel;
        this.figuresModel = figuresModel;
        this.figures = new RegistryFiguresView(figuresModel, push -> figuresModel.selectionFor(push)
                .ifPresent(viewModel::select));
        createView();
    }

    public void setOnFixConnection(Consumer<RegistryNode> handler) {
        onFixConnection = handler;
    }

    public void setOnCheckTagDeletion(Consumer<RegistryNode> handler) {
        onCheckTagDeletion = handler;
    }

    private void createView() {
        setId("registry-overview");
        setSpacing(12);
        setPadding(new Insets(4));
        title.getStyleClass().add(Styles.TITLE_2);
        title.setId("registry-title");
        host.getStyleClass().add(Styles.TEXT_MUTED);
        badges.setId("capability-badges");
        repositories.setId("registry-repositories");
        problemBox.setId("registry-problem");
        catalogBox.setId("no-catalog");
        tagDeletionBox.setId("tag-deletion");
        repositories.getStyleClass().add(Styles.TEXT_MUTED);
        getChildren().addAll(title, host, badges, figures, repositories, tagDeletionBox, problemBox, catalogBox);
    }

    public void show(RegistryNode node) {
        if (shown != null) {
            shown.stateProperty().removeListener(refresh);
            shown.capabilitiesProperty().removeListener(refresh);
            shown.tagDeletionCheckProperty().removeListener(refresh);
            shown.problemProperty().removeListener(refresh);
            shown.catalogRefusedProperty().removeListener(refresh);
            shown.repositories().removeListener(refresh);
        }
        shown = node;
        node.stateProperty().addListener(refresh);
        node.capabilitiesProperty().addListener(refresh);
        node.tagDeletionCheckProperty().addListener(refresh);
        node.problemProperty().addListener(refresh);
        node.catalogRefusedProperty().addListener(refresh);
        node.repositories().addListener(refresh);
        figuresModel.show(node);
        update();
    }

    private void update() {
        RegistryNode node = shown;
        if (node == null) return;
        title.setText(node.displayName());
        String where = node.place().where();
        host.setText(node.displayName().equals(where) ? "" : (node.place().isFolder() ? "Folder: " : "") + where);
        host.setManaged(!host.getText().isEmpty());
        badges.getChildren().setAll(badgesFor(node.capabilitiesProperty().get(), node.stateProperty().get()));
        repositories.setText(node.repositories().isEmpty() ? "" : "Select a repository in the tree to see its tags.");
        repositories.setManaged(!repositories.getText().isEmpty());
        updateTagDeletion(node);
        problemBox.getChildren().clear();
        UserMessage problem = node.problemProperty().get();
        if (problem != null) {
            Label what = new Label(problem.title());
            what.getStyleClass().addAll(Styles.TITLE_4, Styles.DANGER);
            Label text = new Label(problem.text());
            text.setWrapText(true);
            Button retry = new Button("Try again", new FontIcon(Feather.REFRESH_CW));
            retry.setOnAction(e -> viewModel.refresh(node));
            HBox actions = new HBox(8, retry);
            if (problem.offersCredentialFix() || problem.kind() == UserMessage.Kind.NETWORK) {
                Button fix = new Button("Fix connection…", new FontIcon(Feather.KEY));
                fix.setId("fix-connection");
                fix.getStyleClass().add(Styles.ACCENT);
                fix.setOnAction(e -> onFixConnection.accept(node));
                actions.getChildren().addFirst(fix);
            }
            problemBox.getChildren().addAll(what, text, actions);
        }
        catalogBox.getChildren().clear();
        if (Boolean.TRUE.equals(node.catalogRefusedProperty().get())) {
            Label why = new Label("This registry does not list its repositories (no catalog access, as on Docker Hub, GHCR "
                    + "or Harbor for non-admins). Add the repositories you want by name, or paste a reference in the search field.");
            why.setWrapText(true);
            TextField name = new TextField();
            name.setId("add-repository-name");
            name.setPromptText("e.g. team/app");
            Label error = new Label();
            error.getStyleClass().add(Styles.DANGER);
            Button add = new Button("Add repository", new FontIcon(Feather.PLUS));
            add.setId("add-repository");
            add.setDefaultButton(true);
            Runnable submit = () -> viewModel.addRepository(node, name.getText()).ifPresentOrElse(error::setText, () -> {
                error.setText("");
                name.clear();
            });
            add.setOnAction(e -> submit.run());
            name.setOnAction(e -> submit.run());
            HBox row = new HBox(8, name, add);
            row.setAlignment(Pos.CENTER_LEFT);
            catalogBox.getChildren().addAll(why, row, error);
        }
    }

    /** Where tag deletes are accepted with an unknown effect, offers the check that tells; shows what the last check found. */
    private void updateTagDeletion(RegistryNode node) {
        tagDeletionBox.getChildren().clear();
        if (TagDeletionCheckCommand.worthChecking(node.capabilitiesProperty().get())) {
            Label why = new Label("This registry accepts tag deletes, but whether they remove only the tag (so cleanup can untag) "
                    + "or the whole image is not known yet.");
            why.setWrapText(true);
            Button check = new Button("Check…", new FontIcon(Feather.HELP_CIRCLE));
            check.setId("check-tag-deletion");
            check.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the text wraps, the button keeps its words
            check.setOnAction(e -> onCheckTagDeletion.accept(node));
            HBox row = new HBox(8, why, check);
            row.setAlignment(Pos.CENTER_LEFT);
            tagDeletionBox.getChildren().add(row);
        }
        String found = node.tagDeletionCheckProperty().get();
        if (!found.isEmpty()) {
            Label result = new Label(found);
            result.setId("tag-deletion-check");
            result.setWrapText(true);
            result.getStyleClass().add(Styles.TEXT_MUTED);
            tagDeletionBox.getChildren().add(result);
        }
        tagDeletionBox.setManaged(!tagDeletionBox.getChildren().isEmpty());
    }

    static java.util.List<Label> badgesFor(Capabilities caps, LoadState state) {
        if (caps == null) return java.util.List.of(badge(state == LoadState.LOADING ? "probing…" : "not probed", null));
        return java.util.List.of(
                badge("auth: " + caps.auth().name().toLowerCase(), null),
                badge("catalog " + mark(caps.catalog()), caps.catalog()),
                badge("deletes " + mark(caps.deletes()), caps.deletes()),
                badge("tag delete: " + tagDeletion(caps.tagDeletion()), null),
                // No referrers API is normal (Berth falls back to the sha256-<hex> tag), not a fault.
                badge("referrers API " + mark(caps.referrersApi()), null));
    }

    private static String tagDeletion(Capabilities.TagDeletion deletion) {
        return switch (deletion) {
            case NOT_SUPPORTED -> "no";
            case REMOVES_TAG_ONLY -> "tag only";
            case REMOVES_MANIFEST -> "removes manifest";
            case ACCEPTED_EFFECT_UNKNOWN -> "yes (effect unknown)";
            case UNKNOWN -> "?";
        };
    }

    private static String mark(Capabilities.Ability ability) {
        return switch (ability) {
            case YES -> "✓";
            case NO -> "✗";
            case UNKNOWN -> "?";
        };
    }

    private static Label badge(String text, Capabilities.Ability ability) {
        Label label = new Label(text);
        label.getStyleClass().add("badge");
        if (ability == Capabilities.Ability.YES) label.getStyleClass().add("badge-yes");
        if (ability == Capabilities.Ability.NO) label.getStyleClass().add("badge-no");
        return label;
    }
}
