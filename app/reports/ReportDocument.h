#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QStringList>
#include <functional>

class QPagedPaintDevice;
class QPageLayout;

namespace foyer::reports {

// A manager's report as data: a header (venue, title, parameters, who printed it and when) and table sections.
// It paints itself on any paged device (PDF or printer) with "page X of Y" and each table's header repeated on every
// page it runs onto, and writes CSV (RFC 4180, UTF-8 with a byte-order mark, so spreadsheet programs read accents; the
// same number of fields on every row; text a spreadsheet would run as a formula is neutralised, figures are left as
// figures).
struct ReportDocument
{
    Q_DECLARE_TR_FUNCTIONS(foyer::reports::ReportDocument)
public:
    struct Section
    {
        QString heading;
        QStringList columns;
        QList<bool> rightAligned; // per column: money and counts line up on the right
        QList<QStringList> rows;
        QStringList totals; // an emphasised last row; empty: none
        // A horizontal bar chart drawn under the heading, before the table: one bar per label. Not in the CSV (the
        // table beside it carries the same figures).
        QList<std::pair<QString, qint64>> bars;
        bool barsAreMoney = true; // minor units, shown as money; otherwise counts
        QString emptyText;        // shown when there are no rows; default "None"
    };

    // Called after each page is painted with the page number and the page count; returning false stops the report
    // (render() then returns false). Runs on the thread that renders.
    using Progress = std::function<bool(int page, int pageCount)>;

    QString venueName;
    QString title;
    QStringList parameters; // "From 1 Nov 2026 to 30 Nov 2026"
    QString printedBy;
    QDateTime printedAt; // UTC; printed in local time
    QList<Section> sections;
    bool landscape = false; // for wide tables; printing asks the printer for the same
    // Headings of sections written to the CSV but left out of the PDF and print (long detail lists).
    QStringList csvOnlySections;

    // The page every output lays the report out on, PDF, preview and print alike: A4 in the report's orientation,
    // the whole sheet (the report keeps its own margins), at Resolution dots per inch. A device set up otherwise (a
    // printer's own margins, its 1200 dpi) fits a different number of rows on a page, so the preview would count
    // other pages than the PDF; setUpPage gives any paged device this one page.
    static constexpr int Resolution = 300;
    QPageLayout pageLayout() const;
    void setUpPage(QPagedPaintDevice* device) const;

    bool render(QPagedPaintDevice* device, int* pageCount = nullptr, const Progress& progress = {}) const;
    bool writePdf(const QString& path, int* pageCount = nullptr, const Progress& progress = {}) const;
    QByteArray csv() const;
    // False, with the reason ("No space left on device") in *error, unless every byte reached the file.
    bool writeCsv(const QString& path, QString* error = nullptr) const;
};

} // namespace foyer::reports
