#pragma once

#include "PatronActivity.h"
#include "PatronOverview.h"
#include "ProfileSection.h"

#include <QDateTime>
#include <memory>

namespace Ui {
class OverviewSection;
}

namespace foyer::gui {

// The Overview tab: spending, the facts staff ask about first, memberships and engagement, relationships and notes.
class OverviewSection : public ProfileSection
{
    Q_OBJECT
public:
    OverviewSection(const ProfileServices& services, const QString& patronId, QWidget* parent = nullptr);
    ~OverviewSection() override;

    // When and how the patron first came (from the details the profile shows).
    void setOrigin(const QDateTime& createdAt, const QString& source);
    // Reads the notes again: the overview's list and the pop-up banner seen from every section.
    void refreshNotes();
    void addNote();
    void addRelationship();

signals:
    // The notes that pop up, as HTML-escaped text, or why the notes could not be read.
    void popUpNotesChanged(const QStringList& popUps, const QString& readProblem);

protected:
    void load() override;

private:
    void fillFigures(const core::PatronOverview& overview);
    // Each returns the reason when a read it needs fails, else an empty string.
    QString fillEngagement(const core::PatronOverview& overview);
    QString fillRelationships();

    std::unique_ptr<Ui::OverviewSection> m_ui;
    QDateTime m_createdAt;
    QString m_source;
};

} // namespace foyer::gui
