#include "OrdersSection.h"

#include "MoneyText.h"
#include "OrderDetailsDialog.h"
#include "OrderStatus.h"
#include "ui_OrdersSection.h"

#include <QColor>
#include <QSet>

namespace foyer::gui {

OrdersSection::OrdersSection(const ProfileServices& services, const QString& patronId, QWidget* parent)
    : ProfileSection(services, patronId, QStringLiteral("ordersPage"), tr("&Orders"), parent)
    , m_ui(std::make_unique<Ui::OrdersSection>())
{
    m_ui->setupUi(content());
    m_ui->ordersAttention->setStyleSheet(QStringLiteral(
        "background: #fde4e1; color: #8f1d10; border: 1px solid #e0a49c; border-radius: 4px; padding: 6px;"));
    m_ui->ordersAttention->hide();
    connect(m_ui->ordersFilter, &QComboBox::currentIndexChanged, this, [this] { fillOrders(); });
    connect(m_ui->orderDetailsButton, &QPushButton::clicked, this, &OrdersSection::openSelectedOrder);
    connect(m_ui->ordersTable, &QTableWidget::cellActivated, this, [this] { openSelectedOrder(); });
}

OrdersSection::~OrdersSection() = default;

void OrdersSection::load()
{
    QString error;
    m_orders = m_repos->activity.orders(m_patronId, &error);
    std::optional<QHash<QString, storage::SyncOutbox::Attention>> attention;
    if (error.isEmpty()) {
        attention = m_repos->syncOutbox.ordersNeedingAttention(&error);
        if (error.isEmpty() && !attention)
            error = tr("Which orders need attention could not be read.");
    }
    m_attention = attention.value_or(QHash<QString, storage::SyncOutbox::Attention>());
    if (showReadProblem(error)) {
        m_orders.clear();
        m_ui->ordersTable->setRowCount(0);
        setTitle(tr("&Orders"));
        return;
    }
    // The filter offers the categories this patron actually has.
    const QString category = m_ui->ordersFilter->currentData().toString();
    QSignalBlocker blockOrders(m_ui->ordersFilter);
    m_ui->ordersFilter->clear();
    m_ui->ordersFilter->addItem(tr("All categories"), QString());
    QSet<QString> categories;
    for (const auto& order : std::as_const(m_orders))
        if (!categories.contains(order.category)) {
            categories.insert(order.category);
            m_ui->ordersFilter->addItem(order.label() == order.category ? order.category : order.label(),
                                        order.category);
        }
    m_ui->ordersFilter->setCurrentIndex(std::max(0, m_ui->ordersFilter->findData(category)));
    fillOrders();
    setTitle(tr("&Orders (%1)").arg(m_orders.size()));
}

void OrdersSection::fillOrders()
{
    const QString category = m_ui->ordersFilter->currentData().toString();
    QList<QStringList> rows;
    QStringList notices;
    QList<int> attentionRows;
    qint64 total = 0;
    for (const auto& o : std::as_const(m_orders)) {
        if (!category.isEmpty() && o.category != category)
            continue;
        total += o.totalMinor;
        const QString patronLabel = core::OrderStatus::patronLabel(o.internalStatus);
        const auto attention = m_attention.constFind(o.id);
        QString status = core::OrderStatus::staffLabel(o.internalStatus);
        if (attention != m_attention.cend()) {
            status = tr("%1 \u2014 needs attention").arg(status);
            notices.append(tr("Needs attention: order %1 was refused by the venue's server: %2")
                               .arg(o.confirmationNumber, attention->reason));
            attentionRows.append(int(rows.size()));
        }
        rows.append({MoneyText::localTime(o.createdAt), o.confirmationNumber, o.label(), status,
                     patronLabel.isEmpty() ? tr("(not shown)") : patronLabel, MoneyText::amount(o.totalMinor)});
    }
    fillTable(m_ui->ordersTable,
              {tr("Date"), tr("Confirmation"), tr("Category"), tr("Status"), tr("Patron sees"), tr("Total")}, rows);
    for (int row : std::as_const(attentionRows)) {
        QTableWidgetItem* item = m_ui->ordersTable->item(row, 3);
        item->setForeground(QColor(0x8f, 0x1d, 0x10));
        item->setToolTip(notices.at(attentionRows.indexOf(row)));
    }
    // The notice says which order and why; the sync panel (or the order itself) resolves it.
    m_ui->ordersAttention->setText(notices.join(u'\n'));
    m_ui->ordersAttention->setVisible(!notices.isEmpty());
    m_ui->ordersTotals->setText(tr("%n order(s), %1", nullptr, int(rows.size())).arg(MoneyText::amount(total)));
}

void OrdersSection::openSelectedOrder()
{
    // The table shows the filtered orders; map the row back through the same filter.
    const QString category = m_ui->ordersFilter->currentData().toString();
    int row = m_ui->ordersTable->currentRow();
    for (const core::OrderSummary& order : std::as_const(m_orders)) {
        if (!category.isEmpty() && order.category != category)
            continue;
        if (row-- > 0)
            continue;
        QString error;
        const QList<core::OrderLineSummary> lines = m_repos->activity.orderLines(order.id, &error);
        if (showReadProblem(error))
            return;
        // Seated orders open in the order editor (to carry on with an unconfirmed one, or to refund, request a
        // change or print tickets); anything else in the read-only details.
        const bool seated = std::any_of(lines.cbegin(), lines.cend(),
                                        [](const core::OrderLineSummary& line) { return !line.seat.isEmpty(); });
        if (order.internalStatus == QLatin1String("open") || seated) {
            emit orderEditorRequested(order.id);
            return;
        }
        auto* dialog = new OrderDetailsDialog(order, lines, this);
        dialog->setObjectName(QStringLiteral("orderDetailsDialog"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
        return;
    }
}

} // namespace foyer::gui
