#include "ReportDocument.h"

#include "Csv.h"

#include <QFile>
#include <QLocale>
#include <QPainter>
#include <QPdfWriter>

namespace foyer::reports {

namespace {

// Lays the report out page by page; with a painter it also paints. The first pass (no painter) counts the pages
// so the second can print "page X of Y".
QFont boldOf(QFont font)
{
    font.setBold(true);
    return font;
}

class Layout
{
public:
    Layout(const ReportDocument& report, QPagedPaintDevice* device, QPainter* painter, const QFont& font,
           int totalPages)
        : m_report(report)
        , m_device(device)
        , m_painter(painter)
        , m_font(font)
        , m_metrics(font, device)
        , m_boldMetrics(boldOf(font), device)
        , m_totalPages(totalPages)
    {
        const QRect page(0, 0, device->width(), device->height());
        const int margin = page.width() / 16;
        m_area = page.adjusted(margin, margin, -margin, -margin);
        m_rowHeight = m_metrics.height() * 13 / 10;
    }

    int run()
    {
        startPage();
        for (const ReportDocument::Section& section : m_report.sections) {
            const QList<int> widths = columnWidths(section);
            ensureRoom(4);
            line(section.heading, true);
            tableHeader(section, widths);
            for (const QStringList& row : section.rows) {
                if (ensureRoom(1))
                    tableHeader(section, widths); // a table running onto a new page repeats its header
                cells(section, widths, row, false);
            }
            if (!section.totals.isEmpty()) {
                ensureRoom(1);
                cells(section, widths, section.totals, true);
            }
            m_y += m_rowHeight;
        }
        footer();
        return m_page;
    }

private:
    void startPage()
    {
        ++m_page;
        m_y = m_area.top();
        QFont big = m_font;
        big.setPointSizeF(m_font.pointSizeF() * 1.6);
        big.setBold(true);
        text(QRect(m_area.left(), m_y, m_area.width(), m_rowHeight * 2), m_report.title, big, Qt::AlignLeft);
        text(QRect(m_area.left(), m_y, m_area.width(), m_rowHeight * 2), m_report.venueName, m_font, Qt::AlignRight);
        m_y += m_rowHeight * 2;
        line(m_report.parameters.join(QStringLiteral(" \u00b7 ")), false);
        line(ReportDocument::tr("Printed by %1 at %2")
                 .arg(m_report.printedBy,
                      QLocale().toString(m_report.printedAt.toLocalTime(), QStringLiteral("d MMM yyyy HH:mm"))),
             false);
        m_y += m_rowHeight / 2;
    }

    void footer()
    {
        text(QRect(m_area.left(), m_area.bottom() - m_rowHeight, m_area.width(), m_rowHeight),
             ReportDocument::tr("Page %1 of %2").arg(m_page).arg(std::max(m_totalPages, m_page)), m_font,
             Qt::AlignRight);
    }

    // True when a new page was started to make room for `rows` rows.
    bool ensureRoom(int rows)
    {
        if (m_y + rows * m_rowHeight <= m_area.bottom() - m_rowHeight * 2)
            return false;
        footer();
        if (m_painter)
            m_device->newPage();
        startPage();
        return true;
    }

    void line(const QString& s, bool bold)
    {
        QFont f = m_font;
        f.setBold(bold);
        text(QRect(m_area.left(), m_y, m_area.width(), m_rowHeight), s, f, Qt::AlignLeft);
        m_y += m_rowHeight;
    }

    void tableHeader(const ReportDocument::Section& section, const QList<int>& widths)
    {
        cells(section, widths, section.columns, true);
        if (m_painter)
            m_painter->drawLine(m_area.left(), m_y - 2, m_area.right(), m_y - 2);
    }

    void cells(const ReportDocument::Section& section, const QList<int>& widths, const QStringList& values, bool bold)
    {
        QFont f = m_font;
        f.setBold(bold);
        int x = m_area.left();
        for (int c = 0; c < widths.size(); ++c) {
            const Qt::Alignment align = section.rightAligned.value(c) ? Qt::AlignRight : Qt::AlignLeft;
            text(QRect(x, m_y, widths.at(c) - m_metrics.averageCharWidth(), m_rowHeight), values.value(c), f, align);
            x += widths.at(c);
        }
        m_y += m_rowHeight;
    }

    void text(const QRect& rect, const QString& s, const QFont& font, Qt::Alignment align)
    {
        if (!m_painter || s.isEmpty())
            return;
        if (m_painter->font() != font)
            m_painter->setFont(font);
        // Drawn at a point, not laid out in a rectangle: the same result for one line, several times faster over
        // thousands of pages. Only text too wide for its column is elided.
        const QFontMetrics& metrics = font.bold() ? m_boldMetrics : m_metrics;
        int width = metrics.horizontalAdvance(s);
        QString shown = s;
        if (width > rect.width()) {
            shown = metrics.elidedText(s, Qt::ElideRight, rect.width());
            width = metrics.horizontalAdvance(shown);
        }
        const int x = (align & Qt::AlignRight) ? rect.right() - width : rect.left();
        const int baseline = rect.top() + (rect.height() + metrics.ascent() - metrics.descent()) / 2;
        m_painter->drawText(QPoint(x, baseline), shown);
    }

    // Widths from the header and the first rows (measuring 200,000 rows would cost more than it tells), scaled to
    // the page's width.
    QList<int> columnWidths(const ReportDocument::Section& section) const
    {
        QList<int> widths;
        for (int c = 0; c < section.columns.size(); ++c) {
            int w = m_metrics.horizontalAdvance(section.columns.at(c));
            for (int r = 0; r < std::min<qsizetype>(section.rows.size(), 200); ++r)
                w = std::max(w, m_metrics.horizontalAdvance(section.rows.at(r).value(c)));
            w = std::max(w, m_metrics.horizontalAdvance(section.totals.value(c)));
            widths.append(w + 2 * m_metrics.averageCharWidth());
        }
        int total = 0;
        for (int w : widths)
            total += w;
        if (total > 0)
            for (int& w : widths)
                w = int(qint64(w) * m_area.width() / total);
        return widths;
    }

    const ReportDocument& m_report;
    QPagedPaintDevice* m_device;
    QPainter* m_painter;
    QFont m_font;
    QFontMetrics m_metrics;
    QFontMetrics m_boldMetrics;
    int m_totalPages;
    QRect m_area;
    int m_rowHeight = 0;
    int m_y = 0;
    int m_page = 0;
};

} // namespace

bool ReportDocument::render(QPagedPaintDevice* device, int* pageCount) const
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(8.5);
    const int pages = Layout(*this, device, nullptr, font, 0).run();
    QPainter painter;
    if (!painter.begin(device))
        return false;
    Layout(*this, device, &painter, font, pages).run();
    if (pageCount)
        *pageCount = pages;
    return painter.end();
}

bool ReportDocument::writePdf(const QString& path, int* pageCount) const
{
    QPdfWriter writer(path);
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("Foyer"));
    writer.setResolution(300);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    return render(&writer, pageCount);
}

QByteArray ReportDocument::csv() const
{
    QString out;
    for (const Section& section : sections) {
        out += core::Csv::formatRow({section.heading});
        out += core::Csv::formatRow(section.columns);
        for (const QStringList& row : section.rows)
            out += core::Csv::formatRow(row);
        if (!section.totals.isEmpty())
            out += core::Csv::formatRow(section.totals);
        out += QStringLiteral("\r\n");
    }
    return QByteArray("\xEF\xBB\xBF") + out.toUtf8();
}

bool ReportDocument::writeCsv(const QString& path) const
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(csv()) >= 0;
}

} // namespace foyer::reports
