#pragma once

#include "PatronSearchRepository.h"

#include <QDialog>
#include <memory>

namespace Ui {
class RelationshipDialog;
}

namespace foyer::gui {

class PatronSearchModel;

// Picks the other patron (search as you type) and the kind of relationship; the caller saves.
class RelationshipDialog : public QDialog
{
    Q_OBJECT
public:
    RelationshipDialog(storage::PatronSearchRepository* search, QWidget* parent = nullptr);
    ~RelationshipDialog() override;

    QString type() const;
    QString otherPatronId() const;
    void showProblem(const QString& message);

signals:
    void saveRequested();

private:
    std::unique_ptr<Ui::RelationshipDialog> m_ui;
    PatronSearchModel* m_model;
};

} // namespace foyer::gui
