package org.vigil.console.web;

import java.util.List;

/** A page of the captures list, newest first. */
public record CaptureListPage(PageHeader header, List<CaptureRow> rows, int page, boolean hasPrevious,
                              boolean hasNext, long total) {

    public String previousHref() {
        return "/captures?page=" + (page - 1);
    }

    public String nextHref() {
        return "/captures?page=" + (page + 1);
    }
}
