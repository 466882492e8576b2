#include "OrderDetailsDialog.h"

#include "MoneyText.h"
#include "OrderStatus.h"
#include "PayType.h"
#include "ui_OrderDetailsDialog.h"

#include <QHeaderView>

namespace foyer::gui {

OrderDetailsDialog::OrderDetailsDialog(const core::OrderSummary& order, const QList<core::OrderLineSummary>& lines,
                                       QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::OrderDetailsDialog>())
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Order %1").arg(order.confirmationNumber));
    setAccessibleName(windowTitle());
    const QString patronLabel = core::OrderStatus::patronLabel(order.internalStatus);
    m_ui->headerLabel->setText(
        tr("<b>%1</b> \u00b7 %2 \u00b7 %3<br>Status: %4 (patron sees: %5) \u00b7 channel: %6 \u00b7 total %7")
            .arg(order.confirmationNumber.toHtmlEscaped(), MoneyText::localTime(order.createdAt),
                 order.label().toHtmlEscaped(), core::OrderStatus::staffLabel(order.internalStatus).toHtmlEscaped(),
                 patronLabel.isEmpty() ? tr("not shown") : patronLabel.toHtmlEscaped(),
                 QString(order.channel).replace(u'_', u' '), MoneyText::amount(order.totalMinor)));
    const QStringList headers = {tr("Item"), tr("Performance"), tr("Seat"), tr("Pay type"), tr("Status"), tr("Price")};
    m_ui->linesTable->setColumnCount(int(headers.size()));
    m_ui->linesTable->setHorizontalHeaderLabels(headers);
    m_ui->linesTable->setRowCount(int(lines.size()));
    for (int r = 0; r < lines.size(); ++r) {
        const core::OrderLineSummary& line = lines.at(r);
        QString payType = core::PayType::label(line.payType);
        if (!line.membershipNumber.isEmpty())
            payType += tr(" (%1)").arg(line.membershipNumber);
        const QStringList cells = {
            line.description, line.performanceAt.isValid() ? MoneyText::localTime(line.performanceAt) : QString(),
            line.seat,        payType,
            line.status,      MoneyText::amount(line.priceMinor)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            if (c == cells.size() - 1)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_ui->linesTable->setItem(r, c, item);
        }
    }
    m_ui->linesTable->resizeColumnsToContents();
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->linesTable->setFocus();
}

OrderDetailsDialog::~OrderDetailsDialog() = default;

} // namespace foyer::gui
