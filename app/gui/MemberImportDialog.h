#pragma once

#include "MemberImport.h"
#include "MemberImportRepository.h"

#include <QDialog>
#include <memory>

namespace Ui {
class MemberImportDialog;
}

namespace foyer::gui {

// Imports the venue's member database: a dry run reports every row's problems and writes nothing; Import all is
// offered only after a clean dry run of the same file, and writes every member or none.
class MemberImportDialog : public QDialog
{
    Q_OBJECT
public:
    MemberImportDialog(storage::MemberImportRepository* repository, const QString& actorId, QWidget* parent = nullptr);
    ~MemberImportDialog() override;

    bool dryRun(); // of the file named in the file field
    bool importAll();

private:
    std::unique_ptr<Ui::MemberImportDialog> m_ui;
    storage::MemberImportRepository* m_repository;
    QString m_actorId;
    core::MemberImport::Report m_report;
    QString m_checkedText; // the file's text as the dry run saw it; the import uses exactly this
};

} // namespace foyer::gui
