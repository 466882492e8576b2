#pragma once

#include "ProfileServices.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace foyer::gui {

// One section of an open patron's profile (a tab beside the details panel). It reads its rows when first shown and
// again after any change marks it stale. When a read fails it says so, with the database's reason, in place of its
// rows: an unreadable section never looks like an empty one.
class ProfileSection : public QWidget
{
    Q_OBJECT
public:
    // objectName names the section (the tab page) for tests and screen readers; title is its tab text.
    ProfileSection(const ProfileServices& services, QString patronId, const QString& objectName, const QString& title,
                   QWidget* parent = nullptr);

    QString title() const { return m_title; }
    // Reads the section unless it is already loaded.
    void ensureLoaded();
    void markStale() { m_loaded = false; }

signals:
    // Something was written from this section: every section is stale now.
    void changed();
    // The tab text changed (it carries a count).
    void titleChanged(const QString& title);

protected:
    virtual void load() = 0;
    // The widget the section's form is set up on, below the read problem.
    QWidget* content() const { return m_content; }
    // Shows "<title> could not be read: <reason>" instead of the rows (and returns true) when reason is not empty;
    // otherwise shows the rows again.
    bool showReadProblem(const QString& reason);
    void setTitle(const QString& title);
    static void fillTable(QTableWidget* table, const QStringList& headers, const QList<QStringList>& rows);

    const ProfileServices m_services;
    storage::Repositories* const m_repos;
    const QString m_patronId;

private:
    QString m_title;
    QString m_plainTitle;
    QLabel* m_problem;
    QWidget* m_content;
    bool m_loaded = false;
};

} // namespace foyer::gui
