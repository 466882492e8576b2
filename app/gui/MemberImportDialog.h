#pragma once

#include "MemberImport.h"
#include "MemberImportRepository.h"
#include "SecureBuffer.h"

#include <QDialog>
#include <QThreadPool>
#include <functional>
#include <memory>

class QProgressBar;
class QPushButton;

namespace Ui {
class MemberImportDialog;
}

namespace foyer::gui {

// Imports the venue's member database: a dry run reports every row's problems and writes nothing; Import all is
// offered only after a clean dry run of the same file, and writes every member or none.
//
// Passwords are hashed (Argon2id, 64 MiB each) on at most two worker threads, with a progress bar and Cancel, while
// the window stays responsive. They stay in locked memory until the import commits or is cancelled, then are wiped.
// If any hash fails nothing is imported and Import all stays offered, for a retry.
class MemberImportDialog : public QDialog
{
    Q_OBJECT
public:
    // Turns one password into its stored hash, or an empty string when it cannot; called on worker threads.
    using Hasher = std::function<QString(const core::SecureBuffer& password)>;

    MemberImportDialog(storage::MemberImportRepository* repository, const QString& actorId, QWidget* parent = nullptr,
                       Hasher hasher = Hasher());
    ~MemberImportDialog() override;

    bool dryRun(); // of the file named in the file field
    // Starts the import: members without passwords commit at once; otherwise the hashing starts and finished()
    // tells how it ended. False when there is nothing to import or an import is already running.
    bool importAll();
    void cancelImport();
    bool isImporting() const { return m_run != nullptr; }
    // How many passwords the dialog still holds (in locked memory): none once an import committed or was cancelled.
    int passwordsHeld() const { return m_report.passwordCount(); }
    // Closing the dialog cancels a running import.
    void reject() override;

signals:
    void importFinished(bool imported);

private:
    struct HashRun;

    void hashDone(const std::shared_ptr<HashRun>& run);
    void finishHashing();
    bool commit(const QHash<QString, QString>& hashes);
    void setImporting(bool importing);

    std::unique_ptr<Ui::MemberImportDialog> m_ui;
    QProgressBar* m_progress;
    QPushButton* m_cancelButton;
    storage::MemberImportRepository* m_repository;
    QString m_actorId;
    Hasher m_hasher;
    core::MemberImport::Report m_report;
    QThreadPool m_pool; // two threads: the workstation's two cores, and two hashes' worth of memory (128 MiB)
    std::shared_ptr<HashRun> m_run;
};

} // namespace foyer::gui
