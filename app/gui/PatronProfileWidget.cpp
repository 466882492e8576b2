#include "PatronProfileWidget.h"

#include "ui_PatronProfileWidget.h"

#include <QLocale>

namespace foyer::gui {

namespace {

QString orDash(const QString& text)
{
    return text.trimmed().isEmpty() ? QStringLiteral("\u2014") : text;
}

} // namespace

PatronProfileWidget::PatronProfileWidget(const core::PatronProfile& profile, QWidget* parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::PatronProfileWidget>()), m_patronId(profile.patron.id)
{
    m_ui->setupUi(this);
    QFont nameFont = m_ui->displayNameLabel->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.6);
    nameFont.setBold(true);
    m_ui->displayNameLabel->setFont(nameFont);
    show(profile);
}

PatronProfileWidget::~PatronProfileWidget() = default;

void PatronProfileWidget::show(const core::PatronProfile& profile)
{
    const core::Patron& p = profile.patron;
    const QLocale locale;
    setAccessibleName(tr("Profile of %1").arg(p.displayName()));
    m_ui->displayNameLabel->setText(p.displayName());
    m_ui->subtitleLabel->setText(tr("Patron #%1 \u00b7 since %2")
                                     .arg(p.patronNumber)
                                     .arg(locale.toString(p.createdAt.toLocalTime().date(), QLocale::ShortFormat)));
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
    m_ui->contactMethodValue->setText(orDash(p.preferredContactMethod));
    m_ui->contactOwnerValue->setText(orDash(profile.contactOwnerName));
    m_ui->householdValue->setText(orDash(profile.householdName));
    m_ui->subscriptionValue->setText(p.emailSubscription ? tr("Subscribed") : tr("Not subscribed"));
    m_ui->alumniValue->setText(p.alumniYear > 0 ? QString::number(p.alumniYear) : orDash(QString()));
    m_ui->tagsValue->setText(orDash(profile.tags.join(QStringLiteral(", "))));
}

} // namespace foyer::gui
