#include "ProfileSection.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace foyer::gui {

ProfileSection::ProfileSection(const ProfileServices& services, QString patronId, const QString& objectName,
                               const QString& title, QWidget* parent)
    : QWidget(parent)
    , m_services(services)
    , m_repos(services.repos)
    , m_patronId(std::move(patronId))
    , m_title(title)
    , m_problem(new QLabel(this))
    , m_content(new QWidget(this))
{
    setObjectName(objectName);
    // The tab text's mnemonic ampersand is not part of the name said in a message.
    m_plainTitle = QString(title).remove(u'&');
    setAccessibleName(m_plainTitle);
    m_problem->setObjectName(objectName + QStringLiteral("ReadProblem"));
    m_problem->setAccessibleName(tr("%1 read problem").arg(m_plainTitle));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #a40000;"));
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_problem->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_problem);
    layout->addWidget(m_content, 1);
}

void ProfileSection::ensureLoaded()
{
    if (m_loaded)
        return;
    m_loaded = true;
    load();
}

bool ProfileSection::showReadProblem(const QString& reason)
{
    const bool failed = !reason.isEmpty();
    m_problem->setText(failed ? tr("%1 could not be read: %2").arg(m_plainTitle, reason) : QString());
    m_problem->setVisible(failed);
    m_content->setVisible(!failed);
    return failed;
}

void ProfileSection::setTitle(const QString& title)
{
    m_title = title;
    emit titleChanged(title);
}

void ProfileSection::fillTable(QTableWidget* table, const QStringList& headers, const QList<QStringList>& rows)
{
    table->setUpdatesEnabled(false);
    table->clear();
    table->setColumnCount(int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r)
        for (int c = 0; c < rows.at(r).size(); ++c)
            table->setItem(r, c, new QTableWidgetItem(rows.at(r).at(c)));
    // Size columns from the first rows only: measuring every cell of a 2,000-order patron costs seconds.
    table->horizontalHeader()->setResizeContentsPrecision(50);
    table->resizeColumnsToContents();
    if (!rows.isEmpty())
        table->selectRow(0);
    table->setUpdatesEnabled(true);
}

} // namespace foyer::gui
