#include "ReportDocument.h"

#include "Clock.h"
#include "Csv.h"
#include "MoneyFormat.h"

#include <QFile>
#include <QGlyphRun>
#include <QLocale>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QRawFont>

#include <array>

namespace foyer::reports {

namespace {

// Lays the report out page by page; with a painter it also paints. The first pass (no painter) counts the pages
// so the second can print "page X of Y".
QFont boldOf(QFont font)
{
    font.setBold(true);
    return font;
}

// Glyphs and advances of the Latin-1 characters in one font, so a cell of such text needs no shaping. Text in any
// other script (or needing eliding) goes through QPainter::drawText and is shaped properly.
class LatinGlyphs
{
public:
    LatinGlyphs(const QFont& font, QPaintDevice* device)
    {
        QFont scaled(font, device);
        m_font = QRawFont::fromFont(scaled);
        if (!m_font.isValid())
            return;
        QString all;
        for (char16_t c = 0; c < 256; ++c)
            all.append(QChar(c));
        const QList<quint32> indexes = m_font.glyphIndexesForString(all);
        const QList<QPointF> advances = m_font.advancesForGlyphIndexes(indexes);
        for (int c = 0; c < 256 && c < indexes.size(); ++c) {
            m_index[c] = indexes.at(c);
            m_advance[c] = advances.value(c).x();
        }
        m_run.setRawFont(m_font);
    }

    // True, with lastRun() and lastWidth() set, when `s` is Latin-1 with a glyph for every character and fits.
    bool fits(const QString& s, int width)
    {
        if (!m_font.isValid())
            return false;
        m_indexes.resize(s.size());
        m_positions.resize(s.size());
        qreal x = 0;
        for (qsizetype i = 0; i < s.size(); ++i) {
            const char16_t c = s.at(i).unicode();
            if (c >= 256 || m_index[c] == 0)
                return false;
            m_indexes[i] = m_index[c];
            m_positions[i] = QPointF(x, 0);
            x += m_advance[c];
        }
        if (x > width)
            return false;
        m_width = x;
        m_run.setGlyphIndexes(m_indexes);
        m_run.setPositions(m_positions);
        return true;
    }
    const QGlyphRun& lastRun() const { return m_run; }
    qreal lastWidth() const { return m_width; }

private:
    QRawFont m_font;
    std::array<quint32, 256> m_index{};
    std::array<qreal, 256> m_advance{};
    QList<quint32> m_indexes;
    QList<QPointF> m_positions;
    QGlyphRun m_run;
    qreal m_width = 0;
};

class Layout
{
public:
    Layout(const ReportDocument& report, QPagedPaintDevice* device, QPainter* painter, const QFont& font,
           int totalPages, const ReportDocument::Progress& progress = {})
        : m_report(report)
        , m_device(device)
        , m_painter(painter)
        , m_font(font)
        , m_boldFont(boldOf(font))
        , m_metrics(font, device)
        , m_boldMetrics(boldOf(font), device)
        , m_glyphs(font, device)
        , m_boldGlyphs(boldOf(font), device)
        , m_totalPages(totalPages)
        , m_progress(progress)
    {
        const QRect page(0, 0, device->width(), device->height());
        const int margin = page.width() / 16;
        m_area = page.adjusted(margin, margin, -margin, -margin);
        m_rowHeight = m_metrics.height() * 13 / 10;
    }

    // The number of pages, or 0 when the progress callback asked to stop.
    int run()
    {
        startPage();
        for (const ReportDocument::Section& section : m_report.sections) {
            if (m_report.csvOnlySections.contains(section.heading)) {
                ensureRoom(2);
                line(section.heading, true);
                line(ReportDocument::tr("%n row(s), in the CSV export.", nullptr, int(section.rows.size())), false);
                m_y += m_rowHeight;
                continue;
            }
            const QList<int> widths = columnWidths(section);
            ensureRoom(4 + int(section.bars.size()) * 3 / 2);
            line(section.heading, true);
            if (!section.bars.isEmpty())
                chart(section);
            if (section.rows.isEmpty() && section.bars.isEmpty()) {
                line(section.emptyText.isEmpty() ? ReportDocument::tr("None") : section.emptyText, false);
            } else if (!section.columns.isEmpty()) {
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
            }
            if (m_stopped)
                return 0;
            m_y += m_rowHeight;
        }
        footer();
        if (m_painter && m_progress && !m_progress(m_page, m_totalPages))
            return 0;
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
                      QLocale().toString(core::Clock::atVenue(m_report.printedAt), QStringLiteral("d MMM yyyy HH:mm"))),
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
        if (m_painter) {
            if (m_progress && !m_stopped && !m_progress(m_page, m_totalPages))
                m_stopped = true;
            if (m_stopped) {
                // Stop painting: later pages are laid out but not drawn, and run() reports the stop.
                m_painter = nullptr;
            } else {
                m_device->newPage();
            }
        }
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

    // Horizontal bars, longest for the largest magnitude; negative figures (refunds) drawn in red.
    void chart(const ReportDocument::Section& section)
    {
        qint64 largest = 1;
        for (const auto& bar : section.bars)
            largest = std::max(largest, std::abs(bar.second));
        const int labelWidth = m_area.width() / 4;
        const int valueWidth = m_area.width() / 6;
        const int barSpace = m_area.width() - labelWidth - valueWidth;
        const int barHeight = m_rowHeight * 3 / 4;
        for (const auto& [label, value] : section.bars) {
            ensureRoom(1);
            text(QRect(m_area.left(), m_y, labelWidth - m_metrics.averageCharWidth(), m_rowHeight), label, m_font,
                 Qt::AlignLeft);
            const int length = std::max<int>(value != 0 ? 2 : 0, int(std::abs(value) * barSpace / largest));
            if (m_painter && length > 0)
                m_painter->fillRect(
                    QRect(m_area.left() + labelWidth, m_y + (m_rowHeight - barHeight) / 2, length, barHeight),
                    value < 0 ? QColor(0xc0, 0x39, 0x2b) : QColor(0x2e, 0x5c, 0x8a));
            const QString figure = section.barsAreMoney ? core::MoneyFormat::amount(value) : QLocale().toString(value);
            text(
                QRect(m_area.left() + labelWidth + length + m_metrics.averageCharWidth(), m_y, valueWidth, m_rowHeight),
                figure, m_font, Qt::AlignLeft);
            m_y += m_rowHeight * 3 / 2;
        }
        m_y += m_rowHeight / 2;
    }

    void tableHeader(const ReportDocument::Section& section, const QList<int>& widths)
    {
        cells(section, widths, section.columns, true);
        if (m_painter)
            m_painter->drawLine(m_area.left(), m_y - 2, m_area.right(), m_y - 2);
    }

    void cells(const ReportDocument::Section& section, const QList<int>& widths, const QStringList& values, bool bold)
    {
        const QFont& f = bold ? m_boldFont : m_font;
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
        const QFontMetrics& metrics = font.bold() ? m_boldMetrics : m_metrics;
        const int baseline = rect.top() + (rect.height() + metrics.ascent() - metrics.descent()) / 2;
        LatinGlyphs* glyphs = &font == &m_font       ? &m_glyphs
                              : &font == &m_boldFont ? &m_boldGlyphs
                              : font == m_font       ? &m_glyphs
                              : font == m_boldFont   ? &m_boldGlyphs
                                                     : nullptr;
        if (glyphs && glyphs->fits(s, rect.width())) {
            // Most cells are short Latin text: their glyphs come from a table instead of being shaped one by one,
            // which over 200,000 rows is most of the time spent making the PDF.
            const qreal x = (align & Qt::AlignRight) ? rect.right() - glyphs->lastWidth() : rect.left();
            m_painter->drawGlyphRun(QPointF(x, baseline), glyphs->lastRun());
            return;
        }
        if (m_painter->font() != font)
            m_painter->setFont(font);
        int width = QFontMetrics(font, m_device).horizontalAdvance(s);
        QString shown = s;
        if (width > rect.width()) {
            shown = QFontMetrics(font, m_device).elidedText(s, Qt::ElideRight, rect.width());
            width = QFontMetrics(font, m_device).horizontalAdvance(shown);
        }
        const int x = (align & Qt::AlignRight) ? rect.right() - width : rect.left();
        m_painter->drawText(QPoint(x, baseline), shown);
    }

    // Widths from the header and the first rows (measuring 200,000 rows would cost more than it tells), scaled to
    // the page's width. Headers and totals are measured in the bold they are printed in. When the natural widths are
    // too wide for the page, every column keeps at least its header's width ("Membership seats" whole) and only the
    // room beyond the headers is shared out; only a table whose headers alone are wider than the page is squeezed
    // evenly.
    QList<int> columnWidths(const ReportDocument::Section& section) const
    {
        const int pad = 2 * m_metrics.averageCharWidth();
        QList<int> natural;
        QList<int> least;
        for (int c = 0; c < section.columns.size(); ++c) {
            const int header = m_boldMetrics.horizontalAdvance(section.columns.at(c)) + pad;
            int w = header;
            for (int r = 0; r < std::min<qsizetype>(section.rows.size(), 200); ++r)
                w = std::max(w, m_metrics.horizontalAdvance(section.rows.at(r).value(c)) + pad);
            w = std::max(w, m_boldMetrics.horizontalAdvance(section.totals.value(c)) + pad);
            natural.append(w);
            least.append(header);
        }
        qint64 total = 0;
        qint64 leastTotal = 0;
        for (int c = 0; c < natural.size(); ++c) {
            total += natural.at(c);
            leastTotal += least.at(c);
        }
        const qint64 room = m_area.width();
        QList<int> widths = natural;
        if (total <= 0)
            return widths;
        if (total <= room || leastTotal >= room) {
            const QList<int>& base = total <= room ? natural : least;
            const qint64 baseTotal = total <= room ? total : leastTotal;
            for (int c = 0; c < widths.size(); ++c)
                widths[c] = int(qint64(base.at(c)) * room / baseTotal);
            return widths;
        }
        for (int c = 0; c < widths.size(); ++c)
            widths[c] =
                least.at(c) + int(qint64(natural.at(c) - least.at(c)) * (room - leastTotal) / (total - leastTotal));
        return widths;
    }

    const ReportDocument& m_report;
    QPagedPaintDevice* m_device;
    QPainter* m_painter;
    QFont m_font;
    QFont m_boldFont;
    QFontMetrics m_metrics;
    QFontMetrics m_boldMetrics;
    LatinGlyphs m_glyphs;
    LatinGlyphs m_boldGlyphs;
    int m_totalPages;
    ReportDocument::Progress m_progress;
    bool m_stopped = false;
    QRect m_area;
    int m_rowHeight = 0;
    int m_y = 0;
    int m_page = 0;
};

} // namespace

bool ReportDocument::render(QPagedPaintDevice* device, int* pageCount, const Progress& progress) const
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(8.5);
    // No ligatures for simple scripts, so "office" stays six letters that search and copy find in the PDF.
    font.setStyleStrategy(QFont::PreferNoShaping);
    const int pages = Layout(*this, device, nullptr, font, 0).run();
    QPainter painter;
    if (!painter.begin(device))
        return false;
    const bool finished = Layout(*this, device, &painter, font, pages, progress).run() > 0;
    if (pageCount)
        *pageCount = pages;
    return painter.end() && finished;
}

QPageLayout ReportDocument::pageLayout() const
{
    return QPageLayout(QPageSize(QPageSize::A4), landscape ? QPageLayout::Landscape : QPageLayout::Portrait,
                       QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
}

void ReportDocument::setUpPage(QPagedPaintDevice* device) const
{
    device->setPageLayout(pageLayout());
}

bool ReportDocument::writePdf(const QString& path, int* pageCount, const Progress& progress) const
{
    QPdfWriter writer(path);
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("Foyer"));
    writer.setResolution(Resolution);
    setUpPage(&writer);
    return render(&writer, pageCount, progress);
}

QByteArray ReportDocument::csv() const
{
    // One table per section, a blank row between them; Csv::formatExport pads every row to the widest section and
    // keeps spreadsheet formulas in names and notes from running.
    QList<QStringList> rows;
    for (const Section& section : sections) {
        rows.append({section.heading});
        rows.append(section.columns);
        rows.append(section.rows);
        if (!section.totals.isEmpty())
            rows.append(section.totals);
        rows.append(QStringList());
    }
    return QByteArray("\xEF\xBB\xBF") + core::Csv::formatExport(rows).toUtf8();
}

bool ReportDocument::writeCsv(const QString& path, QString* error) const
{
    // Every step is checked: a short write, or a flush or close that fails (a full disk often only shows there),
    // is a failure with the system's reason, never a report claimed saved.
    const QByteArray bytes = csv();
    QFile file(path);
    const auto fail = [&] {
        if (error)
            *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    };
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail();
    if (file.write(bytes) != bytes.size() || !file.flush())
        return fail();
    file.close();
    if (file.error() != QFileDevice::NoError)
        return fail();
    return true;
}

} // namespace foyer::reports
