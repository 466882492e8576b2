#pragma once

#include "InitialUpload.h"
#include "KeyStore.h"
#include "SecureBuffer.h"
#include "SyncEndpoint.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace foyer::sync {

class SyncHttpClient;

// Connects this workstation to the venue's server once: a manager or administrator signs in, the server registers
// the database (its confirmation-number prefix and a block of patron numbers, unique by construction), and the
// server certificate seen now is pinned, and the venue certifies the workstation's ticket key (TicketCertification).
// Stored in the workstation's own settings; the token in the keychain.
// A standalone workstation's staff accounts carry over (POST /v1/staff/import when an admin registers): the server
// keeps their ids and verifiers; a local account whose username the server already has moves to the server's id.
// Rows no sync operation carries (a database from before sync) then get their first-upload operations
// (storage::InitialUpload), attributed to the registering admin, so the first push sends them; only an admin's
// registration uploads (venue setup is admin-only on the server). A registration interrupted during the upload is
// not stored: registering again resumes the upload where it stopped.
class WorkstationRegistration
{
    Q_DECLARE_TR_FUNCTIONS(foyer::sync::WorkstationRegistration)
public:
    WorkstationRegistration(QSqlDatabase db, QString databaseId, security::KeyStore keyStore = security::KeyStore());

    // Returns false with a message for staff when any step fails; nothing is stored then.
    bool registerWith(SyncEndpoint endpoint, const QString& username, const core::SecureBuffer& password,
                      const QString& workstationName, QString* error);

    // The endpoint this workstation was registered with; nullopt (and no error) when it never was.
    static std::optional<SyncEndpoint> storedEndpoint(QSqlDatabase db, QString* error);
    // Called after each upload operation (rows written, rows to write); returning false stops the registration (it
    // is not stored; the next registration resumes the upload).
    void setUploadProgress(storage::InitialUpload::Progress progress) { m_uploadProgress = std::move(progress); }

    // The server's id of the staff member who registered (after registerWith succeeded).
    QString staffId() const { return m_staffId; }
    // What staff should know about the accounts after registerWith (an account the server already had, one it
    // refused), for staff; empty when every account carried over as it was.
    QStringList notes() const { return m_notes; }

private:
    bool carryStaffOver(SyncHttpClient* http, const QByteArray& token, const QString& role, QString* error);

    QSqlDatabase m_db;
    QString m_databaseId;
    security::KeyStore m_keyStore;
    QString m_staffId;
    QStringList m_notes;
    storage::InitialUpload::Progress m_uploadProgress;
};

} // namespace foyer::sync
