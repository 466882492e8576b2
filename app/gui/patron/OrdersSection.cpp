#include "OrdersSection.h"

#include "MoneyText.h"
#include "OrderDetailsDialog.h"
#include "OrderStatus.h"
#include "ui_OrdersSection.h"

#include <QSet>

namespace foyer::gui {

OrdersSection::OrdersSection(const ProfileServices& services, const QString& patronId, QWidget* parent)
    : ProfileSection(services, patronId, QStringLiteral("ordersPage"), tr("&Orders"), parent)
    , m_ui(std::make_unique<Ui::OrdersSection>())
{
    m_ui->setupUi(content());
    connect(m_ui->ordersFilter, &QComboBox::currentIndexChanged, this, [this] { fillOrders(); });
    connect(m_ui->orderDetailsButton, &QPushButton::clicked, this, &OrdersSection::openSelectedOrder);
    connect(m_ui->ordersTable, &QTableWidget::cellActivated, this, [this] { openSelectedOrder(); });
}

OrdersSection::~OrdersSection() = default;

void OrdersSection::load()
{
    QString error;
    m_orders = m_repos->activity.orders(m_patronId, &error);
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
    qint64 total = 0;
    for (const auto& o : std::as_const(m_orders)) {
        if (!category.isEmpty() && o.category != category)
            continue;
        total += o.totalMinor;
        const QString patronLabel = core::OrderStatus::patronLabel(o.internalStatus);
        rows.append({MoneyText::localTime(o.createdAt), o.confirmationNumber, o.label(),
                     core::OrderStatus::staffLabel(o.internalStatus),
                     patronLabel.isEmpty() ? tr("(not shown)") : patronLabel, MoneyText::amount(o.totalMinor)});
    }
    fillTable(m_ui->ordersTable,
              {tr("Date"), tr("Confirmation"), tr("Category"), tr("Status"), tr("Patron sees"), tr("Total")}, rows);
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
