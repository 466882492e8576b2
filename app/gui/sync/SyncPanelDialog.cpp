#include "SyncPanelDialog.h"

#include "Clock.h"
#include "SyncOutbox.h"
#include "SyncStatusText.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace foyer::gui {

SyncPanelDialog::SyncPanelDialog(storage::SyncOutbox* outbox, QWidget* parent)
    : QDialog(parent)
    , m_outbox(outbox)
    , m_statusLabel(new QLabel(this))
    , m_problemLabel(new QLabel(this))
    , m_refusedTable(new QTableWidget(0, 3, this))
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
    auto* refusedCaption = new QLabel(tr("Refused by the server (these need attention):"), this);
    refusedCaption->setBuddy(m_refusedTable);
    m_refusedTable->setObjectName(QStringLiteral("refusedOperations"));
    m_refusedTable->setAccessibleName(tr("Refused operations"));
    m_refusedTable->setHorizontalHeaderLabels({tr("When"), tr("What"), tr("Why the server refused it")});
    m_refusedTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_refusedTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_refusedTable->horizontalHeader()->setStretchLastSection(true);
    m_refusedTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_refusedTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_refusedTable->setWordWrap(true);
    m_syncNowButton->setObjectName(QStringLiteral("syncNowButton"));
    m_syncNowButton->setAccessibleName(tr("Sync now"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_syncNowButton, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_syncNowButton, &QPushButton::clicked, this, &SyncPanelDialog::syncNowRequested);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_problemLabel);
    layout->addWidget(refusedCaption);
    layout->addWidget(m_refusedTable, 1);
    layout->addWidget(buttons);
    resize(820, 420);
    reload();
}

void SyncPanelDialog::showStatus(const sync::SyncStatus& status)
{
    m_statusLabel->setText(SyncStatusText::line(status));
    m_problemLabel->setText(status.problem);
    m_problemLabel->setVisible(!status.problem.isEmpty());
    reload();
}

bool SyncPanelDialog::reload()
{
    QString error;
    const std::optional<QList<storage::SyncOutbox::Refused>> refused = m_outbox->refused(500, &error);
    m_refusedTable->setRowCount(0);
    if (!refused) {
        m_problemLabel->setText(tr("The refused operations could not be read: %1").arg(error));
        m_problemLabel->show();
        return false;
    }
    for (const storage::SyncOutbox::Refused& operation : *refused) {
        const int row = m_refusedTable->rowCount();
        m_refusedTable->insertRow(row);
        m_refusedTable->setItem(row, 0,
                                new QTableWidgetItem(QLocale().toString(
                                    core::Clock::atVenue(QDateTime::fromString(operation.createdAt, Qt::ISODateWithMs)),
                                    QLocale::ShortFormat)));
        m_refusedTable->setItem(row, 1, new QTableWidgetItem(operation.summary));
        m_refusedTable->setItem(row, 2, new QTableWidgetItem(operation.reason));
    }
    m_refusedTable->resizeRowsToContents();
    return true;
}

} // namespace foyer::gui
