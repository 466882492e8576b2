#include "PatronProfileWidget.h"

#include "AddressesDialog.h"
#include "Clock.h"
#include "ContactDetailsDialog.h"
#include "EmailComposeDialog.h"
#include "MoneyText.h"
#include "OrderEditorDialog.h"
#include "PersonalDetailsDialog.h"
#include "patron/ContactLogsSection.h"
#include "patron/HistorySection.h"
#include "patron/OrdersSection.h"
#include "patron/OverviewSection.h"
#include "patron/RecurringSection.h"
#include "ui_PatronProfileWidget.h"

#include <QKeyEvent>
#include <QLocale>
#include <QTimer>

namespace foyer::gui {

namespace {

QString orDash(const QString& text)
{
    return MoneyText::orDash(text);
}

} // namespace

PatronProfileWidget::PatronProfileWidget(const core::PatronProfile& profile, const ProfileServices& services,
                                         QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::PatronProfileWidget>())
    , m_services(services)
    , m_repos(services.repos)
    , m_patronId(profile.patron.id)
    , m_overview(new gui::OverviewSection(services, m_patronId))
    , m_recurring(new gui::RecurringSection(services, m_patronId))
{
    m_ui->setupUi(this);
    m_ui->detailsGroup->setMaximumWidth(330);
    // The panel is as tall as its rows, at the top; the sections beside it take the rest.
    m_ui->bodyLayout->setAlignment(m_ui->detailsGroup, Qt::AlignTop);
    m_ui->detailsProblem->hide();
    QFont nameFont = m_ui->displayNameLabel->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.6);
    nameFont.setBold(true);
    m_ui->displayNameLabel->setFont(nameFont);

    // In the order of the Section enum.
    addSection(m_overview);
    auto* orders = new gui::OrdersSection(services, m_patronId);
    addSection(orders);
    addSection(new gui::HistorySection(services, m_patronId));
    auto* contactLogs = new gui::ContactLogsSection(services, m_patronId);
    addSection(contactLogs);
    addSection(m_recurring);
    connect(orders, &gui::OrdersSection::orderEditorRequested, this,
            [this](const QString& orderId) { openOrderEditor(orderId); });
    connect(contactLogs, &gui::ContactLogsSection::tasksChanged, this, &PatronProfileWidget::tasksChanged);
    connect(m_overview, &gui::OverviewSection::popUpNotesChanged, this, &PatronProfileWidget::showPopUpNotes);
    connect(m_ui->profileSections, &QTabWidget::currentChanged, this, &PatronProfileWidget::loadSection);

    connect(m_ui->tagField, &QLineEdit::returnPressed, this, &PatronProfileWidget::addTag);
    m_ui->tagsList->installEventFilter(this);
    connect(m_ui->emailButton, &QPushButton::clicked, this, &PatronProfileWidget::composeEmail);
    connect(m_ui->editPersonalButton, &QPushButton::clicked, this, &PatronProfileWidget::editPersonalDetails);
    connect(m_ui->editContactButton, &QPushButton::clicked, this, &PatronProfileWidget::editContactDetails);
    connect(m_ui->editAddressesButton, &QPushButton::clicked, this, &PatronProfileWidget::editAddresses);
    connect(m_ui->newOrderButton, &QPushButton::clicked, this, [this] { openOrderEditor(); });
    m_ui->popUpNotesBanner->setStyleSheet(
        QStringLiteral("background: #fff4c2; border: 1px solid #e0c060; border-radius: 4px; padding: 6px;"));
    show(profile);
    m_overview->refreshNotes();
    // The header and section tabs paint first; the visible section's rows follow on the next turn of the event
    // loop, so a patron with thousands of orders opens at once.
    QTimer::singleShot(0, this, [this] { loadSection(m_ui->profileSections->currentIndex()); });
}

PatronProfileWidget::~PatronProfileWidget() = default;

void PatronProfileWidget::addSection(ProfileSection* section)
{
    const int index = m_ui->profileSections->addTab(section, section->title());
    m_sections[size_t(index)] = section;
    connect(section, &ProfileSection::changed, this, &PatronProfileWidget::reloadSections);
    connect(section, &ProfileSection::titleChanged, this, [this, section](const QString& title) {
        m_ui->profileSections->setTabText(m_ui->profileSections->indexOf(section), title);
    });
}

void PatronProfileWidget::reloadSections()
{
    // Mark everything stale; the visible section reloads now, the others when staff turn to them.
    for (ProfileSection* section : m_sections)
        section->markStale();
    loadSection(m_ui->profileSections->currentIndex());
}

void PatronProfileWidget::loadSection(int index)
{
    if (index >= 0 && index < int(m_sections.size()))
        m_sections[size_t(index)]->ensureLoaded();
}

void PatronProfileWidget::showPopUpNotes(const QStringList& popUps, const QString& readProblem)
{
    // Pop-up notes warn staff (a patron's allergy, a dispute); when they cannot be read, that is a warning too.
    if (!readProblem.isEmpty())
        m_ui->popUpNotesBanner->setText(tr("<b>Notes could not be read:</b> %1").arg(readProblem.toHtmlEscaped()));
    else
        m_ui->popUpNotesBanner->setText(
            popUps.isEmpty() ? QString() : tr("<b>Note:</b> %1").arg(popUps.join(QStringLiteral("<br>"))));
    m_ui->popUpNotesBanner->setVisible(!readProblem.isEmpty() || !popUps.isEmpty());
}

void PatronProfileWidget::fillTags()
{
    QString error;
    const QStringList tags = m_repos->details.tags(m_patronId, &error);
    m_ui->tagsList->clear();
    if (!error.isEmpty()) {
        m_ui->tagField->setToolTip(tr("Tags could not be read: %1").arg(error));
        m_ui->tagField->setStyleSheet(QStringLiteral("border: 1px solid #a40000;"));
        return;
    }
    m_ui->tagsList->addItems(tags);
}

bool PatronProfileWidget::eventFilter(QObject* watched, QEvent* event)
{
    // Delete (or Backspace) on a selected tag removes it: tags are edited in place, from the keyboard too.
    if (watched == m_ui->tagsList && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Delete || key == Qt::Key_Backspace) {
            removeSelectedTag();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PatronProfileWidget::editPersonalDetails()
{
    QString staffError;
    const QList<core::StaffMember> staff = m_repos->staff.activeMembers(&staffError);
    auto* dialog = new PersonalDetailsDialog(core::PersonalDetailsForm::from(m_profile.patron), m_profile.householdName,
                                             staff, this);
    dialog->setObjectName(QStringLiteral("personalDetailsDialog"));
    if (!staffError.isEmpty())
        dialog->showProblem(tr("The staff list could not be read: %1").arg(staffError));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PersonalDetailsDialog::saveRequested, this, [this, dialog] {
        QString error;
        if (!m_repos->edit.savePersonalDetails(m_patronId, dialog->form(), dialog->householdName(), m_services.actorId,
                                               &error)) {
            dialog->showProblem(tr("Not saved: %1").arg(error));
            return;
        }
        dialog->accept();
        reloadProfile();
    });
    dialog->open();
}

void PatronProfileWidget::editContactDetails()
{
    auto* dialog = new ContactDetailsDialog(m_profile.emails, m_profile.phones, m_profile.patron.originalEmail, this);
    dialog->setObjectName(QStringLiteral("contactDetailsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ContactDetailsDialog::saveRequested, this, [this, dialog] {
        QString error;
        if (!m_repos->edit.saveContactDetails(m_patronId, dialog->form(), m_services.actorId, &error)) {
            dialog->showProblem(tr("Not saved: %1").arg(error));
            return;
        }
        dialog->accept();
        reloadProfile();
    });
    dialog->open();
}

void PatronProfileWidget::editAddresses()
{
    auto* dialog = new AddressesDialog(m_profile.addresses, this);
    dialog->setObjectName(QStringLiteral("addressesDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AddressesDialog::saveRequested, this, [this, dialog] {
        QString error;
        if (!m_repos->edit.saveAddresses(m_patronId, dialog->addresses(), m_services.actorId, &error)) {
            dialog->showProblem(tr("Not saved: %1").arg(error));
            return;
        }
        dialog->accept();
        reloadProfile();
    });
    dialog->open();
}

void PatronProfileWidget::openOrderEditor(const QString& orderId)
{
    OrderEditorContext context = OrderEditorContext::forStaff(m_repos, m_services.staff);
    context.actorId = m_services.actorId;
    context.patronId = m_patronId;
    context.patronName = m_profile.patron.displayName();
    context.orderId = orderId;
    auto* editor = new OrderEditorDialog(context, this);
    editor->setObjectName(QStringLiteral("orderEditor"));
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &OrderEditorDialog::orderChanged, this, [this] { reloadSections(); });
    editor->open();
}

void PatronProfileWidget::addTag()
{
    QString error;
    if (!m_repos->details.addTag(m_patronId, m_ui->tagField->text(), m_services.actorId, &error)) {
        m_ui->tagField->setToolTip(error);
        m_ui->tagField->setStyleSheet(QStringLiteral("border: 1px solid #a40000;"));
        return;
    }
    m_ui->tagField->clear();
    m_ui->tagField->setStyleSheet(QString());
    m_ui->tagField->setToolTip(QString());
    fillTags();
}

void PatronProfileWidget::removeSelectedTag()
{
    QListWidgetItem* item = m_ui->tagsList->currentItem();
    if (!item)
        return;
    QString error;
    if (m_repos->details.removeTag(m_patronId, item->text(), m_services.actorId, &error))
        fillTags();
}

void PatronProfileWidget::composeEmail()
{
    auto* dialog = new EmailComposeDialog(
        m_services.actorEmail.isEmpty() ? tr("(sign in to send email)") : m_services.actorEmail, m_patronEmail, this);
    dialog->setObjectName(QStringLiteral("emailComposeDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EmailComposeDialog::sendRequested, this, [this, dialog] {
        QString error;
        if (!m_repos->activity.queueEmail(m_patronId, m_patronEmail, m_services.actorId, dialog->subject(),
                                          dialog->body(), &error)) {
            dialog->showProblem(error);
            return;
        }
        dialog->accept();
        reloadSections(); // the new email log shows when staff turn to Contact logs
    });
    dialog->open();
}

void PatronProfileWidget::reloadProfile()
{
    QString error;
    const std::optional<core::PatronProfile> profile = m_repos->patrons.loadProfile(m_patronId, &error);
    if (!profile) {
        // The details panel keeps what it showed, under a message saying it is out of date and why.
        m_ui->detailsProblem->setText(error.isEmpty() ? tr("This patron no longer exists.")
                                                      : tr("The details could not be read: %1").arg(error));
        m_ui->detailsProblem->show();
        return;
    }
    m_ui->detailsProblem->hide();
    show(*profile);
    reloadSections();
    emit profileChanged(profile->patron.displayName());
}

void PatronProfileWidget::show(const core::PatronProfile& profile)
{
    m_profile = profile;
    m_patronEmail = profile.emails.isEmpty() ? profile.patron.originalEmail : profile.emails.constFirst().value;
    m_ui->emailButton->setEnabled(!m_patronEmail.isEmpty());
    m_overview->setOrigin(profile.patron.createdAt, profile.patron.source);
    m_recurring->setPatronEmail(m_patronEmail);
    const core::Patron& p = profile.patron;
    const QLocale locale;
    setAccessibleName(tr("Profile of %1").arg(p.displayName()));
    m_ui->displayNameLabel->setText(p.displayName());
    m_ui->subtitleLabel->setText(tr("Patron #%1 \u00b7 since %2")
                                     .arg(p.patronNumber)
                                     .arg(locale.toString(core::Clock::venueDate(p.createdAt), QLocale::ShortFormat)));
    m_ui->fullNameValue->setText(orDash(p.fullName()));
    m_ui->preferredNameValue->setText(orDash(p.preferredName));
    m_ui->nicknameValue->setText(orDash(p.nickname));
    m_ui->pronounsValue->setText(orDash(p.pronouns));
    m_ui->birthdayValue->setText(p.birthday.isValid() ? locale.toString(p.birthday, QLocale::LongFormat)
                                                      : orDash(QString()));
    m_ui->organisationValue->setText(orDash(p.organisation));

    QStringList emails;
    for (const core::ContactPoint& email : profile.emails) {
        QString line = email.value;
        if (email.isPrimary)
            line += tr(" (primary)");
        if (email.isOriginal)
            line += tr(" (original)");
        emails.append(line);
    }
    if (emails.isEmpty() && !p.originalEmail.isEmpty())
        emails.append(p.originalEmail + tr(" (original)"));
    m_ui->emailsValue->setText(orDash(emails.join(u'\n')));

    QStringList phones;
    for (const core::ContactPoint& phone : profile.phones) {
        QString kind;
        switch (phone.kind) {
        case core::ContactPoint::Kind::HomePhone:
            kind = tr("home");
            break;
        case core::ContactPoint::Kind::CellPhone:
            kind = tr("cell");
            break;
        case core::ContactPoint::Kind::WorkPhone:
            kind = tr("work");
            break;
        default:
            kind = tr("other");
            break;
        }
        phones.append(tr("%1 (%2)").arg(phone.value, kind));
    }
    m_ui->phonesValue->setText(orDash(phones.join(u'\n')));
    QStringList addresses;
    for (const core::PostalAddress& address : profile.addresses)
        addresses.append(address.isPrimary && profile.addresses.size() > 1
                             ? tr("%1 (primary)").arg(address.singleLine())
                             : address.singleLine());
    m_ui->addressesValue->setText(orDash(addresses.join(u'\n')));
    m_ui->contactMethodValue->setText(orDash(p.preferredContactMethod));
    m_ui->contactOwnerValue->setText(orDash(profile.contactOwnerName));
    m_ui->householdValue->setText(orDash(profile.householdName));
    m_ui->subscriptionValue->setText(p.emailSubscription ? tr("Subscribed") : tr("Not subscribed"));
    m_ui->alumniValue->setText(p.alumniYear > 0 ? QString::number(p.alumniYear) : orDash(QString()));
    m_ui->tagsList->clear();
    m_ui->tagsList->addItems(profile.tags);
}

} // namespace foyer::gui
