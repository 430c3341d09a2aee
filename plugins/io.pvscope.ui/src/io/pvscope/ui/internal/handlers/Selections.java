package io.pvscope.ui.internal.handlers;

import java.util.List;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;

/** The selected elements of one type, from a command's execution event. */
final class Selections {

    private Selections() {
    }

    static <T> List<T> of(ExecutionEvent event, Class<T> type) {
        ISelection selection = HandlerUtil.getCurrentSelection(event);
        if (!(selection instanceof IStructuredSelection structured)) {
            return List.of();
        }
        return ((List<?>) structured.toList()).stream().filter(type::isInstance).map(type::cast).toList();
    }
}
