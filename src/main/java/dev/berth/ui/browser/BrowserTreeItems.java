package dev.berth.ui.browser;

import java.util.ArrayList;
import dev.berth.domain.Names;
import dev.berth.domain.Printable;
import java.util.List;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/**
 * Tree items built lazily: a folder's children are made only when it is first expanded, so a
 * registry with 100,000 repositories costs a handful of items until someone opens a folder.
 */
final class BrowserTreeItems {

    private BrowserTreeItems() {}

    /** A namespace folder: the common path prefix of the repositories below it. */
    record Folder(RegistryNode registry, String path) {
        String label() {
            int slash = path.lastIndexOf('/');
            // A folder may come from an invalid name ("evil\u001b…/x"): shown escaped like the name itself.
            return Printable.escaped(slash < 0 ? path : path.substring(slash + 1));
        }
    }

    /** A tag under a repository in the tree. */
    record TagLeaf(RepositoryNode repository, String tag) {
        Optional<String> invalidName() {
            return Names.tagProblem(tag);
        }
    }

    /** Children for {@code repositories} below {@code prefix}: folders for shared path segments, repositories as leaves. */
    static List<TreeItem<Object>> childrenOf(RegistryNode registry, String prefix, List<RepositoryNode> repositories,
            BrowserViewModel viewModel) {
        return childrenOf(registry, prefix, repositories, viewModel, false);
    }

    /**
     * Like {@link #childrenOf(RegistryNode, String, List, BrowserViewModel)}; with {@code expanded}
     * every folder is built and expanded before it is attached (for a short filtered list), because
     * expanding lazy items while they are being attached confuses the TreeView's row count.
     */
    static List<TreeItem<Object>> childrenOf(RegistryNode registry, String prefix, List<RepositoryNode> repositories,
            BrowserViewModel viewModel, boolean expanded) {
        // The list is sorted, so the repositories of one folder are a contiguous run: one linear pass,
        // no per-name substrings or maps (100,000 names must group in a few milliseconds).
        List<TreeItem<Object>> children = new ArrayList<>();
        List<TreeItem<Object>> leaves = new ArrayList<>();
        int start = prefix.length();
        int size = repositories.size();
        int i = 0;
        while (i < size) {
            String name = repositories.get(i).name();
            int slash = name.indexOf('/', start);
            if (slash < 0) {
                leaves.add(new RepositoryItem(repositories.get(i), viewModel));
                i++;
                continue;
            }
            int j = i + 1;
            while (j < size && inSameFolder(repositories.get(j).name(), name, start, slash)) j++;
            String path = name.substring(0, slash);
            List<RepositoryNode> members = new ArrayList<>(repositories.subList(i, j));
            FolderItem folder = new FolderItem(new Folder(registry, path), members, viewModel);
            if (expanded) {
                folder.built = true;
                folder.superChildren().setAll(childrenOf(registry, path + "/", members, viewModel, true));
                folder.setExpanded(true);
            }
            children.add(folder);
            i = j;
        }
        children.addAll(leaves);
        return children;
    }

    private static boolean inSameFolder(String other, String name, int start, int slash) {
        return other.length() > slash && other.charAt(slash) == '/' && other.regionMatches(start, name, start, slash - start);
    }

    /** A folder whose children are built on first expansion. */
    static final class FolderItem extends TreeItem<Object> {
        private final List<RepositoryNode> members;
        private final BrowserViewModel viewModel;
        private boolean built;

        FolderItem(Folder folder, List<RepositoryNode> members, BrowserViewModel viewModel) {
            super(folder);
            this.members = members;
            this.viewModel = viewModel;
        }

        int repositoryCount() {
            return members.size();
        }

        ObservableList<TreeItem<Object>> superChildren() {
            return super.getChildren();
        }

        @Override
        public boolean isLeaf() {
            return false;
        }

        @Override
        public ObservableList<TreeItem<Object>> getChildren() {
            if (!built) {
                built = true;
                Folder folder = (Folder) getValue();
                super.getChildren().setAll(childrenOf(folder.registry(), folder.path() + "/", members, viewModel));
            }
            return super.getChildren();
        }
    }

    /** A repository; its tags load when it is expanded. */
    static final class RepositoryItem extends TreeItem<Object> {
        private final RepositoryNode repository;
        private final BrowserViewModel viewModel;
        private boolean wired;

        RepositoryItem(RepositoryNode repository, BrowserViewModel viewModel) {
            super(repository);
            this.repository = repository;
            this.viewModel = viewModel;
            expandedProperty().addListener((obs, was, expanded) -> {
                if (expanded && repository.isValidName() && repository.tagsStateProperty().get() != LoadState.LOADING) {
                    viewModel.loadTags(repository);
                }
            });
        }

        @Override
        public boolean isLeaf() {
            return !repository.isValidName() || repository.tagCountProperty().get() == 0;
        }

        @Override
        public ObservableList<TreeItem<Object>> getChildren() {
            if (!wired) {
                wired = true;
                rebuild();
                repository.tags().addListener((ListChangeListener<String>) change -> rebuild());
            }
            return super.getChildren();
        }

        private void rebuild() {
            List<TreeItem<Object>> tags = new ArrayList<>(repository.tags().size());
            for (String tag : repository.tags()) tags.add(new TreeItem<>(new TagLeaf(repository, tag)));
            super.getChildren().setAll(tags);
        }
    }
}
