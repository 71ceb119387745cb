package dev.berth.ui.jobs;

import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** Connection, repository and tag of a copy's or push's destination, as rows of a dialog's grid. */
final class DestinationFields {

    final ComboBox<TransferDialogs.ConnectionChoice> connection = new ComboBox<>();
    final TextField repository = new TextField();
    final TextField tag = new TextField();

    DestinationFields(List<TransferDialogs.ConnectionChoice> connections, TransferDialogs.Destination initial) {
        connection.setId("destination-connection");
        repository.setId("destination-repository");
        tag.setId("destination-tag");
        connection.getItems().setAll(connections);
        connection.getSelectionModel().select(connections.stream().filter(c -> c.id().equals(initial.connectionId())).findFirst()
                .orElse(connections.isEmpty() ? null : connections.getFirst()));
        connection.setMaxWidth(Double.MAX_VALUE);
        repository.setText(initial.repository());
        repository.setPromptText("team/app");
        tag.setText(initial.tag());
        tag.setPromptText("1.0");
    }

    /** Adds the three rows from {@code row} on; the next free row. */
    int addTo(GridPane grid, int row) {
        grid.addRow(row, new Label("Registry"), connection);
        grid.addRow(row + 1, new Label("Repository"), repository);
        grid.addRow(row + 2, new Label("Tag"), tag);
        return row + 3;
    }

    boolean complete() {
        return connection.getValue() != null && !repository.getText().isBlank() && !tag.getText().isBlank();
    }

    TransferDialogs.Destination value() {
        return new TransferDialogs.Destination(connection.getValue().id(), repository.getText().strip(), tag.getText().strip());
    }
}
