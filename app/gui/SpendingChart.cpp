#include "SpendingChart.h"

#include <QLocale>
#include <QPainter>

namespace foyer::gui {

SpendingChart::SpendingChart(QWidget* parent)
    : QWidget(parent)
{
}

void SpendingChart::setBars(const QList<Bar>& bars)
{
    m_bars = bars;
    QStringList description;
    for (const Bar& bar : bars)
        description.append(bar.label + QStringLiteral(": ") +
                           QLocale().toString(double(bar.amountMinor) / 100.0, 'f', 2));
    setAccessibleDescription(description.join(QStringLiteral("; "))); // what a screen reader says for the chart
    updateGeometry();
    update();
}

QSize SpendingChart::sizeHint() const
{
    return {320, int(m_bars.size()) * (fontMetrics().height() + 6) + 4};
}

void SpendingChart::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QFontMetrics metrics = fontMetrics();
    const int rowHeight = metrics.height() + 6;
    int labelWidth = 0;
    qint64 largest = 1;
    for (const Bar& bar : m_bars) {
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(bar.label));
        largest = std::max(largest, bar.amountMinor);
    }
    const int figureWidth = metrics.horizontalAdvance(QStringLiteral("000,000.00"));
    const int barSpace = std::max(20, width() - labelWidth - figureWidth - 24);
    const QColor barColour = palette().color(QPalette::Highlight);
    for (int i = 0; i < m_bars.size(); ++i) {
        const Bar& bar = m_bars.at(i);
        const int y = 2 + i * rowHeight;
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(0, y, labelWidth, rowHeight), Qt::AlignVCenter | Qt::AlignLeft, bar.label);
        const int length = int(double(barSpace) * double(bar.amountMinor) / double(largest));
        painter.fillRect(QRect(labelWidth + 8, y + 3, std::max(length, bar.amountMinor > 0 ? 2 : 0), rowHeight - 6),
                         barColour);
        painter.drawText(QRect(labelWidth + 12 + length, y, figureWidth, rowHeight), Qt::AlignVCenter | Qt::AlignLeft,
                         QLocale().toString(double(bar.amountMinor) / 100.0, 'f', 2));
    }
}

} // namespace foyer::gui
