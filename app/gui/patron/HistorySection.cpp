#include "HistorySection.h"

#include "MoneyText.h"
#include "ui_HistorySection.h"

#include <QSet>

namespace foyer::gui {

HistorySection::HistorySection(const ProfileServices& services, const QString& patronId, QWidget* parent)
    : ProfileSection(services, patronId, QStringLiteral("historyPage"), tr("&History"), parent)
    , m_ui(std::make_unique<Ui::HistorySection>())
{
    m_ui->setupUi(content());
    connect(m_ui->historyFilter, &QComboBox::currentIndexChanged, this, [this] { fillHistory(); });
}

HistorySection::~HistorySection() = default;

void HistorySection::load()
{
    QString error;
    m_history = m_repos->activity.history(m_patronId, &error);
    if (showReadProblem(error)) {
        m_history.clear();
        m_ui->historyTable->setRowCount(0);
        return;
    }
    const QString kind = m_ui->historyFilter->currentData().toString();
    QSignalBlocker blockHistory(m_ui->historyFilter);
    m_ui->historyFilter->clear();
    m_ui->historyFilter->addItem(tr("Everything"), QString());
    QSet<QString> kinds;
    for (const auto& event : std::as_const(m_history))
        if (!kinds.contains(event.kind)) {
            kinds.insert(event.kind);
            m_ui->historyFilter->addItem(QString(event.kind).replace(u'_', u' '), event.kind);
        }
    m_ui->historyFilter->setCurrentIndex(std::max(0, m_ui->historyFilter->findData(kind)));
    fillHistory();
}

void HistorySection::fillHistory()
{
    const QString kind = m_ui->historyFilter->currentData().toString();
    QList<QStringList> rows;
    for (const auto& event : std::as_const(m_history))
        if (kind.isEmpty() || event.kind == kind)
            rows.append({MoneyText::localTime(event.occurredAt), QString(event.kind).replace(u'_', u' '), event.summary,
                         MoneyText::orDash(event.actorName)});
    fillTable(m_ui->historyTable, {tr("When"), tr("Kind"), tr("What happened"), tr("Staff")}, rows);
}

} // namespace foyer::gui
