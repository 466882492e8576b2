#include "SyncPanelDialog.h"

#include "Clock.h"
#include "MoneyText.h"
#include "OrderEditorDialog.h"
#include "ReasonDialog.h"
#include "Repositories.h"
#include "SyncStatusText.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace foyer::gui {

namespace {

constexpr int OperationIdRole = Qt::UserRole;
constexpr int OrderIdRole = Qt::UserRole + 1;

} // namespace

SyncPanelDialog::SyncPanelDialog(storage::Repositories* repos, QWidget* parent)
    : QDialog(parent)
    , m_repos(repos)
    , m_statusLabel(new QLabel(this))
    , m_problemLabel(new QLabel(this))
    , m_refusedTable(new QTableWidget(0, 3, this))
    , m_changeButton(new QPushButton(tr("C&hange seats or pay types..."), this))
    , m_cancelButton(new QPushButton(tr("Cancel the &order..."), this))
    , m_syncNowButton(new QPushButton(tr("S&ync now"), this))
{
    setObjectName(QStringLiteral("syncPanel"));
    setWindowTitle(tr("Sync"));
    setAccessibleName(tr("Sync panel"));
    m_statusLabel->setObjectName(QStringLiteral("syncPanelStatus"));
    m_statusLabel->setAccessibleName(tr("Sync status"));
    m_statusLabel->setWordWrap(true);
    m_problemLabel->setObjectName(QStringLiteral("syncPanelProblem"));
    m_problemLabel->setAccessibleName(tr("Sync problem"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #a40000;"));
    auto* refusedCaption = new QLabel(tr("&Refused by the server (these need attention):"), this);
    refusedCaption->setBuddy(m_refusedTable);
    m_refusedTable->setObjectName(QStringLiteral("refusedOperations"));
    m_refusedTable->setAccessibleName(tr("Refused operations"));
    m_refusedTable->setHorizontalHeaderLabels({tr("When"), tr("What"), tr("Why the server refused it")});
    m_refusedTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_refusedTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_refusedTable->horizontalHeader()->setStretchLastSection(true);
    m_refusedTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_refusedTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_refusedTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_refusedTable->setWordWrap(true);
    auto* resolveCaption =
        new QLabel(tr("Resolve a refused order: pick another seat or pay type for it, or cancel it. The server took "
                      "nothing of it; the order is sent again as you leave it."),
                   this);
    resolveCaption->setObjectName(QStringLiteral("syncPanelResolveHelp"));
    resolveCaption->setWordWrap(true);
    m_changeButton->setObjectName(QStringLiteral("resolveChangeButton"));
    m_changeButton->setAccessibleName(tr("Change seats or pay types of the refused order"));
    m_cancelButton->setObjectName(QStringLiteral("resolveCancelButton"));
    m_cancelButton->setAccessibleName(tr("Cancel the refused order"));
    m_syncNowButton->setObjectName(QStringLiteral("syncNowButton"));
    m_syncNowButton->setAccessibleName(tr("Sync now"));
    auto* resolveRow = new QHBoxLayout;
    resolveRow->addWidget(m_changeButton);
    resolveRow->addWidget(m_cancelButton);
    resolveRow->addStretch(1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_syncNowButton, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_syncNowButton, &QPushButton::clicked, this, &SyncPanelDialog::syncNowRequested);
    connect(m_changeButton, &QPushButton::clicked, this, &SyncPanelDialog::changeSelectedOrder);
    connect(m_cancelButton, &QPushButton::clicked, this, &SyncPanelDialog::cancelSelectedOrder);
    connect(m_refusedTable, &QTableWidget::itemSelectionChanged, this, &SyncPanelDialog::updateActions);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_problemLabel);
    layout->addWidget(refusedCaption);
    layout->addWidget(m_refusedTable, 1);
    layout->addWidget(resolveCaption);
    layout->addLayout(resolveRow);
    layout->addWidget(buttons);
    resize(880, 440);
    reload();
}

void SyncPanelDialog::showStatus(const sync::SyncStatus& status)
{
    m_statusLabel->setText(SyncStatusText::line(status));
    m_problemLabel->setText(status.problem);
    m_problemLabel->setVisible(!status.problem.isEmpty());
    reload();
}

void SyncPanelDialog::showProblem(const QString& message)
{
    m_problemLabel->setText(message);
    m_problemLabel->setVisible(!message.isEmpty());
}

bool SyncPanelDialog::reload()
{
    QString error;
    const QString selectedId =
        m_refusedTable->currentRow() >= 0 && m_refusedTable->item(m_refusedTable->currentRow(), 0)
            ? m_refusedTable->item(m_refusedTable->currentRow(), 0)->data(OperationIdRole).toString()
            : QString();
    const std::optional<QList<storage::SyncOutbox::Refused>> refused = m_repos->syncOutbox.refused(500, &error);
    m_refusedTable->setRowCount(0);
    if (!refused) {
        showProblem(tr("The refused operations could not be read: %1").arg(error));
        updateActions();
        return false;
    }
    int select = refused->isEmpty() ? -1 : 0;
    for (const storage::SyncOutbox::Refused& operation : *refused) {
        const int row = m_refusedTable->rowCount();
        m_refusedTable->insertRow(row);
        auto* when = new QTableWidgetItem(QLocale().toString(
            core::Clock::atVenue(QDateTime::fromString(operation.createdAt, Qt::ISODateWithMs)), QLocale::ShortFormat));
        when->setData(OperationIdRole, operation.id);
        when->setData(OrderIdRole, operation.orderId);
        m_refusedTable->setItem(row, 0, when);
        m_refusedTable->setItem(row, 1, new QTableWidgetItem(operation.summary));
        m_refusedTable->setItem(row, 2, new QTableWidgetItem(operation.reason));
        if (operation.id == selectedId)
            select = row;
    }
    m_refusedTable->resizeRowsToContents();
    if (select >= 0)
        m_refusedTable->selectRow(select);
    updateActions();
    return true;
}

void SyncPanelDialog::updateActions()
{
    const int row = m_refusedTable->currentRow();
    const bool order = row >= 0 && m_refusedTable->item(row, 0) &&
                       !m_refusedTable->item(row, 0)->data(OrderIdRole).toString().isEmpty();
    m_changeButton->setEnabled(order);
    m_cancelButton->setEnabled(order);
}

bool SyncPanelDialog::selectedOrder(Selected* selected)
{
    const int row = m_refusedTable->currentRow();
    if (row < 0 || !m_refusedTable->item(row, 0))
        return false;
    selected->orderId = m_refusedTable->item(row, 0)->data(OrderIdRole).toString();
    if (selected->orderId.isEmpty()) {
        showProblem(tr("This refused operation wrote no order."));
        return false;
    }
    QString error;
    const std::optional<storage::SyncOutbox::Attention> attention =
        m_repos->syncOutbox.attentionFor(selected->orderId, &error);
    if (!attention) {
        showProblem(tr("The order's refusals could not be read: %1").arg(error));
        return false;
    }
    if (attention->operationIds.isEmpty()) {
        reload();
        return false;
    }
    selected->operationIds = attention->operationIds;
    selected->reason = attention->reason;
    return true;
}

void SyncPanelDialog::changeSelectedOrder()
{
    Selected selected;
    if (!selectedOrder(&selected))
        return;
    QString error;
    const std::optional<core::OrderDraft> order = m_repos->orders.load(selected.orderId, &error);
    if (!order) {
        showProblem(tr("The order could not be opened: %1").arg(error));
        return;
    }
    OrderEditorContext context = OrderEditorContext::forStaff(m_repos, m_staff);
    context.orderId = selected.orderId;
    context.patronId = order->patronId;
    if (!order->patronId.isEmpty()) {
        if (const auto patron = m_repos->patrons.findById(order->patronId, &error))
            context.patronName = patron->displayName();
    }
    auto* editor = new OrderEditorDialog(context, this);
    editor->setObjectName(QStringLiteral("orderEditor"));
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &OrderEditorDialog::orderChanged, this, [this] {
        reload();
        emit resolved();
    });
    editor->open();
}

void SyncPanelDialog::cancelSelectedOrder()
{
    Selected selected;
    if (!selectedOrder(&selected))
        return;
    QString error;
    const std::optional<core::OrderDraft> order = m_repos->orders.load(selected.orderId, &error);
    if (!order) {
        showProblem(tr("The order could not be opened: %1").arg(error));
        return;
    }
    auto* dialog = new ReasonDialog(
        tr("Cancel the refused order"),
        tr("Cancel order %1 and free its seats. The server refused it: %2\nThe venue never took it, so any payment "
           "taken for it at this window is taken back: give the money back to the patron.")
            .arg(order->confirmationNumber, selected.reason),
        tr("Cancel the order"), this);
    dialog->setObjectName(QStringLiteral("cancelRefusedDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QStringList operationIds = selected.operationIds;
    const QString orderId = selected.orderId;
    connect(dialog, &ReasonDialog::confirmed, this, [this, dialog, operationIds, orderId] {
        QString cancelError;
        qint64 givenBack = 0;
        if (!m_repos->orderLife.cancelRefused(orderId, operationIds, m_staff, dialog->reason(), &givenBack,
                                              &cancelError)) {
            dialog->showProblem(cancelError);
            return;
        }
        dialog->accept();
        reload();
        showProblem(givenBack > 0 ? tr("Cancelled. Give %1 back to the patron.").arg(MoneyText::amount(givenBack))
                                  : tr("Cancelled."));
        emit resolved();
    });
    dialog->open();
}

} // namespace foyer::gui
