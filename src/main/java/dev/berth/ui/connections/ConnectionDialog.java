package dev.berth.ui.connections;

import atlantafx.base.theme.Styles;
import dev.berth.connection.AuthMode;
import dev.berth.connection.ConnectionDraft;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The add/edit connection form: address, name, auth, TLS. Plain HTTP shows a visible warning. */
public final class ConnectionDialog extends Dialog<ConnectionDraft> {

    final TextField address = new TextField();
    final TextField name = new TextField();
    final RadioButton none = new RadioButton("None");
    final RadioButton password = new RadioButton("Username and password or token");
    final RadioButton docker = new RadioButton("Docker's credentials");
    final TextField username = new TextField();
    final PasswordField secret = new PasswordField();
    final TextField caFile = new TextField();
    final TextField clientCertificate = new TextField();
    final TextField clientKey = new TextField();
    final Label testResult = new Label();
    final CheckBox plainHttp = new CheckBox("Plain HTTP (no TLS)");
    final CheckBox insecureRemote = new CheckBox("Allow plain HTTP to a remote host");
    final Label warning = new Label();
    final Label passwordNote = new Label();

    private final DraftTester tester;

    public ConnectionDialog(Window owner, ConnectionDraft initial, String title) {
        this(owner, initial, title, DraftTester.NONE);
    }

    public ConnectionDialog(Window owner, ConnectionDraft initial, String title, DraftTester tester) {
        this(owner, initial, title, tester, "");
    }

    /**
     * @param passwordNote shown, as information, while a password is entered: e.g. that it will be
     *                     forgotten when Berth quits and what to install; "" when there is nothing to say
     */
    public ConnectionDialog(Window owner, ConnectionDraft initial, String title, DraftTester tester, String passwordNote) {
        this.tester = tester;
        this.passwordNote.setText(passwordNote);
        if (owner != null) initOwner(owner);
        setTitle(title);
        setHeaderText(title);
        getDialogPane().setId("connection-dialog");
        // AtlantaFX caps dialogs at 600 px, which cut the sign-in choices to "…": this form needs its width
        getDialogPane().setStyle("-fx-max-width: 900px;");
        ButtonType save = new ButtonType("Connect", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(save, ButtonType.CANCEL);
        getDialogPane().setContent(form());
        fill(initial);
        Button ok = (Button) getDialogPane().lookupButton(save);
        ok.setId("connection-save");
        ok.disableProperty().bind(address.textProperty().isEmpty());
        setResultConverter(button -> button == save ? draft() : null);
    }

    private GridPane form() {
        address.setId("connection-address");
        address.setPromptText("localhost:5000 or https://registry.example.com");
        name.setId("connection-name");
        name.setPromptText("optional display name");
        ToggleGroup auth = new ToggleGroup();
        none.setToggleGroup(auth);
        password.setToggleGroup(auth);
        docker.setToggleGroup(auth);
        none.setId("auth-none");
        password.setId("auth-password");
        docker.setId("auth-docker");
        username.setId("connection-username");
        secret.setId("connection-password");
        username.disableProperty().bind(password.selectedProperty().not());
        secret.disableProperty().bind(password.selectedProperty().not());
        caFile.setId("connection-ca");
        caFile.setPromptText("PEM file (optional)");
        Button browse = browseButton(caFile, "CA certificate (PEM)");
        clientCertificate.setId("connection-client-cert");
        clientCertificate.setPromptText("client certificate: PEM, or PKCS#12 without a key");
        clientKey.setId("connection-client-key");
        clientKey.setPromptText("its private key (PEM)");
        Button test = new Button("Test connection");
        test.setId("connection-test");
        // The one place the app's probe writes to the wire without an apply: say so where the person clicks.
        test.setTooltip(new javafx.scene.control.Tooltip("Signs in, reads the catalog and checks whether deletes work, with DELETE "
                + "requests for a digest and a tag that exist nowhere: nothing is removed."));
        testResult.setId("connection-test-result");
        testResult.setWrapText(true);
        testResult.setMaxWidth(460);
        // A TLS failure runs to several lines, each needed to fix it: the label takes their height and the dialog grows to it.
        testResult.setPrefWidth(460);
        testResult.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        testResult.textProperty().addListener((obs, old, text) -> fitWindow());
        test.setOnAction(e -> {
            testResult.setText("Testing…");
            tester.test(draft(), testResult::setText);
        });
        plainHttp.setId("connection-plain-http");
        insecureRemote.setId("connection-insecure");
        insecureRemote.disableProperty().bind(plainHttp.selectedProperty().not());
        warning.setId("connection-warning");
        warning.getStyleClass().add(Styles.WARNING);
        warning.setWrapText(true);
        warning.setPrefWidth(460); // wrapped: its full length would widen the dialog past the screen
        warning.visibleProperty().bind(plainHttp.selectedProperty());
        warning.managedProperty().bind(warning.visibleProperty());
        warning.visibleProperty().addListener((obs, was, shown) -> fitWindow());
        warning.setText("Plain HTTP sends credentials and images unencrypted. Berth allows it only for registries on this "
                + "machine unless you also allow remote hosts.");

        passwordNote.setId("connection-password-note");
        passwordNote.getStyleClass().addAll(Styles.ACCENT, Styles.TEXT_SMALL);
        passwordNote.setGraphic(new org.kordamp.ikonli.javafx.FontIcon(org.kordamp.ikonli.feather.Feather.INFO));
        passwordNote.setWrapText(true);
        passwordNote.setPrefWidth(460);
        passwordNote.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        passwordNote.visibleProperty().bind(password.selectedProperty().and(passwordNote.textProperty().isNotEmpty()));
        passwordNote.managedProperty().bind(passwordNote.visibleProperty());
        passwordNote.visibleProperty().addListener((obs, was, shown) -> fitWindow());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // "Password / token" never reads "Pa…"
        grid.getColumnConstraints().add(labels);
        int row = 0;
        grid.addRow(row++, new Label("Address"), address);
        grid.addRow(row++, new Label("Name"), name);
        grid.addRow(row++, new Label("Sign-in"), new HBox(12, none, password, docker));
        grid.addRow(row++, new Label("Username"), username);
        grid.addRow(row++, new Label("Password / token"), secret);
        grid.add(passwordNote, 1, row++);
        grid.addRow(row++, new Label("CA certificate"), new HBox(6, caFile, browse));
        grid.addRow(row++, new Label("Client certificate"), new HBox(6, clientCertificate, browseButton(clientCertificate, "Client certificate")));
        grid.addRow(row++, new Label("Client key"), new HBox(6, clientKey, browseButton(clientKey, "Private key (PEM)")));
        grid.addRow(row++, new Label("Transport"), new HBox(12, plainHttp, insecureRemote));
        grid.add(warning, 1, row++);
        grid.addRow(row, test, testResult);
        GridPane.setValignment(test, javafx.geometry.VPos.TOP); // beside the first line of a long verdict, not its middle
        address.setPrefColumnCount(28);
        return grid;
    }

    /** A dialog keeps its first size: grow or shrink it to a note shown or hidden rather than squeeze the form. */
    private void fitWindow() {
        if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
            getDialogPane().getScene().getWindow().sizeToScene();
        }
    }

    private Button browseButton(TextField target, String title) {
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            File file = chooser.showOpenDialog(getOwner());
            if (file != null) target.setText(file.getAbsolutePath());
        });
        return browse;
    }

    private void fill(ConnectionDraft draft) {
        address.setText(draft.address());
        name.setText(draft.name());
        (switch (draft.auth()) {
            case NONE -> none;
            case PASSWORD -> password;
            case DOCKER -> docker;
        }).setSelected(true);
        username.setText(draft.username());
        secret.setText(draft.password());
        caFile.setText(draft.caFile().map(Path::toString).orElse(""));
        clientCertificate.setText(draft.clientCertificate().map(Path::toString).orElse(""));
        clientKey.setText(draft.clientKey().map(Path::toString).orElse(""));
        plainHttp.setSelected(draft.plainHttp());
        insecureRemote.setSelected(draft.allowInsecureRemote());
    }

    ConnectionDraft draft() {
        AuthMode mode = password.isSelected() ? AuthMode.PASSWORD : docker.isSelected() ? AuthMode.DOCKER : AuthMode.NONE;
        return new ConnectionDraft(name.getText(), address.getText(), mode, username.getText().strip(), secret.getText(),
                path(caFile), path(clientCertificate), path(clientKey), plainHttp.isSelected(), insecureRemote.isSelected());
    }

    private static Optional<Path> path(TextField field) {
        return field.getText().isBlank() ? Optional.empty() : Optional.of(Path.of(field.getText().strip()));
    }
}
