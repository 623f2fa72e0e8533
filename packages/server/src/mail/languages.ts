// What the messages say, in each language the server writes mail in. `{name}`-style
// placeholders are filled by the renderer (render.ts), which escapes and isolates each value.
// A language is chosen by the organization's locale (`fr-CA` → French); others get English.

export const languages = ['en', 'fr', 'de', 'es', 'ar'] as const;
export type Language = (typeof languages)[number];

/** A message of one kind: its subject and paragraphs; some kinds have alternatives. */
export interface KindStrings {
  subject: string;
  body: string[];
  /** The button, where the kind has one. */
  action?: string;
}

export interface LanguageStrings {
  dir: 'ltr' | 'rtl';
  greeting: string;
  greetingNoName: string;
  labels: {
    membership: string;
    starts: string;
    validUntil: string;
    noEnd: string;
    amount: string;
    paidOn: string;
    card: string;
    cardEnding: string;
    receiptNumber: string;
    renewsOn: string;
  };
  kinds: {
    sign_in_code: KindStrings;
    welcome: KindStrings;
    receipt: KindStrings;
    renewal_receipt: KindStrings;
    renewal_upcoming: KindStrings;
    /** `signIn`: the organization names no member page, so the email cannot link to it. */
    card_update_needed: KindStrings & { signIn: string };
    renewal_failed: KindStrings & { retry: string; final: string; signIn: string };
    renewal_reminder: KindStrings;
    membership_terminated: KindStrings;
    staff_membership_terminated: KindStrings;
    application_received: KindStrings;
    application_approved: KindStrings & { pay: string; free: string };
    application_declined: KindStrings;
  };
}

const en: LanguageStrings = {
  dir: 'ltr',
  greeting: 'Hello {name},',
  greetingNoName: 'Hello,',
  labels: {
    membership: 'Membership',
    starts: 'Starts',
    validUntil: 'Valid until',
    noEnd: 'No end date',
    amount: 'Amount',
    paidOn: 'Paid on',
    card: 'Card',
    cardEnding: 'ending {card}',
    receiptNumber: 'Receipt number',
    renewsOn: 'Renews on',
  },
  kinds: {
    sign_in_code: {
      subject: 'Your sign-in code for {org}',
      body: ['Your sign-in code is {code}.', 'It expires in {minutes} minutes. If you did not ask for it, you can ignore this message.'],
      action: 'Or sign in with this link',
    },
    welcome: { subject: 'Welcome to {org}', body: ['Welcome to {org}! Your {membership} membership is now active.'] },
    receipt: {
      subject: 'Welcome to {org}: your receipt',
      body: ['Welcome to {org}! Thank you for your payment: your {membership} membership is now active.'],
    },
    renewal_receipt: { subject: 'Your renewal receipt from {org}', body: ['Thank you: your {membership} membership has been renewed.'] },
    renewal_upcoming: {
      subject: 'Your {membership} membership renews on {date}',
      body: [
        'Your {membership} membership at {org} renews automatically on {date}. We will charge {amount} to your card on file.',
        'Nothing to do if that suits you; to stop it, turn automatic renewal off before that date.',
      ],
    },
    card_update_needed: {
      subject: 'Please update your card for {org}',
      body: ['We could not use the card saved for your {membership} membership. Please update it so that your membership continues without interruption.'],
      action: 'Update your card',
      signIn: 'To update it, sign in on the {org} website.',
    },
    renewal_failed: {
      subject: 'We could not renew your {membership} membership',
      body: ['We tried to charge {amount} for the renewal of your {membership} membership at {org}, but the payment did not go through.'],
      retry: 'We will try again on {date}. To avoid that, pay now or update your card.',
      final: 'We will not try again. Pay now to keep your membership.',
      action: 'Pay now',
      signIn: 'To pay now, sign in on the {org} website.',
    },
    renewal_reminder: {
      subject: 'Your {membership} membership ends on {date}',
      body: ['Your {membership} membership at {org} runs until {date}. Renew it for {amount} to keep it without a break.'],
    },
    membership_terminated: {
      subject: 'Your {membership} membership has ended',
      body: ['Your {membership} membership at {org} ended on {date}.', 'You are welcome back at any time: just sign up again.'],
    },
    staff_membership_terminated: {
      subject: 'Membership ending: {member} ({membership})',
      body: ['The renewal of the {membership} membership of {member} failed {attempts} times; it ends on {date}.', 'Last reason given by the bank: {reason}.'],
    },
    application_received: {
      subject: 'We received your application to {org}',
      body: ['Thank you for applying for the {membership} membership at {org}. We will write to you once it has been reviewed.'],
    },
    application_approved: {
      subject: 'Your application to {org} was approved',
      body: ['Good news: your application for the {membership} membership at {org} was approved.'],
      pay: 'To complete it, pay {amount}.',
      free: 'Your membership is now active.',
      action: 'Pay now',
    },
    application_declined: {
      subject: 'Your application to {org}',
      body: ['Thank you for your interest in {org}. We are sorry: your application for the {membership} membership was not accepted.'],
    },
  },
};

const fr: LanguageStrings = {
  dir: 'ltr',
  greeting: 'Bonjour {name},',
  greetingNoName: 'Bonjour,',
  labels: {
    membership: 'Adhésion',
    starts: 'Début',
    validUntil: 'Valable jusqu’au',
    noEnd: 'Sans date de fin',
    amount: 'Montant',
    paidOn: 'Payé le',
    card: 'Carte',
    cardEnding: 'se terminant par {card}',
    receiptNumber: 'Numéro de reçu',
    renewsOn: 'Renouvellement le',
  },
  kinds: {
    sign_in_code: {
      subject: 'Votre code de connexion pour {org}',
      body: ['Votre code de connexion est {code}.', 'Il expire dans {minutes} minutes. Si vous ne l’avez pas demandé, vous pouvez ignorer ce message.'],
      action: 'Ou connectez-vous avec ce lien',
    },
    welcome: { subject: 'Bienvenue chez {org}', body: ['Bienvenue chez {org} ! Votre adhésion {membership} est désormais active.'] },
    receipt: {
      subject: 'Bienvenue chez {org} : votre reçu',
      body: ['Bienvenue chez {org} ! Merci pour votre paiement : votre adhésion {membership} est désormais active.'],
    },
    renewal_receipt: { subject: 'Votre reçu de renouvellement de {org}', body: ['Merci : votre adhésion {membership} a été renouvelée.'] },
    renewal_upcoming: {
      subject: 'Votre adhésion {membership} sera renouvelée le {date}',
      body: [
        'Votre adhésion {membership} chez {org} sera renouvelée automatiquement le {date}. Nous débiterons {amount} sur votre carte enregistrée.',
        'Rien à faire si cela vous convient ; pour l’arrêter, désactivez le renouvellement automatique avant cette date.',
      ],
    },
    card_update_needed: {
      subject: 'Veuillez mettre à jour votre carte pour {org}',
      body: ['Nous n’avons pas pu utiliser la carte enregistrée pour votre adhésion {membership}. Veuillez la mettre à jour afin que votre adhésion se poursuive sans interruption.'],
      action: 'Mettre à jour ma carte',
      signIn: 'Pour la mettre à jour, connectez-vous sur le site de {org}.',
    },
    renewal_failed: {
      subject: 'Nous n’avons pas pu renouveler votre adhésion {membership}',
      body: ['Nous avons tenté de débiter {amount} pour le renouvellement de votre adhésion {membership} chez {org}, mais le paiement n’a pas abouti.'],
      retry: 'Nous réessaierons le {date}. Pour l’éviter, payez maintenant ou mettez à jour votre carte.',
      final: 'Nous ne réessaierons pas. Payez maintenant pour conserver votre adhésion.',
      action: 'Payer maintenant',
      signIn: 'Pour payer maintenant, connectez-vous sur le site de {org}.',
    },
    renewal_reminder: {
      subject: 'Votre adhésion {membership} prend fin le {date}',
      body: ['Votre adhésion {membership} chez {org} court jusqu’au {date}. Renouvelez-la pour {amount} afin de la garder sans interruption.'],
    },
    membership_terminated: {
      subject: 'Votre adhésion {membership} a pris fin',
      body: ['Votre adhésion {membership} chez {org} a pris fin le {date}.', 'Vous pouvez revenir à tout moment : il suffit de vous réinscrire.'],
    },
    staff_membership_terminated: {
      subject: 'Fin d’adhésion : {member} ({membership})',
      body: ['Le renouvellement de l’adhésion {membership} de {member} a échoué {attempts} fois ; elle prend fin le {date}.', 'Dernier motif donné par la banque : {reason}.'],
    },
    application_received: {
      subject: 'Nous avons bien reçu votre demande d’adhésion à {org}',
      body: ['Merci pour votre demande d’adhésion {membership} chez {org}. Nous vous écrirons dès qu’elle aura été examinée.'],
    },
    application_approved: {
      subject: 'Votre demande d’adhésion à {org} a été acceptée',
      body: ['Bonne nouvelle : votre demande d’adhésion {membership} chez {org} a été acceptée.'],
      pay: 'Pour la finaliser, réglez {amount}.',
      free: 'Votre adhésion est désormais active.',
      action: 'Payer maintenant',
    },
    application_declined: {
      subject: 'Votre demande d’adhésion à {org}',
      body: ['Merci de l’intérêt que vous portez à {org}. Nous sommes désolés : votre demande d’adhésion {membership} n’a pas été acceptée.'],
    },
  },
};

const de: LanguageStrings = {
  dir: 'ltr',
  greeting: 'Hallo {name},',
  greetingNoName: 'Hallo,',
  labels: {
    membership: 'Mitgliedschaft',
    starts: 'Beginn',
    validUntil: 'Gültig bis',
    noEnd: 'Ohne Enddatum',
    amount: 'Betrag',
    paidOn: 'Bezahlt am',
    card: 'Karte',
    cardEnding: 'mit Endziffern {card}',
    receiptNumber: 'Quittungsnummer',
    renewsOn: 'Verlängerung am',
  },
  kinds: {
    sign_in_code: {
      subject: 'Ihr Anmeldecode für {org}',
      body: ['Ihr Anmeldecode lautet {code}.', 'Er läuft in {minutes} Minuten ab. Wenn Sie ihn nicht angefordert haben, können Sie diese Nachricht ignorieren.'],
      action: 'Oder mit diesem Link anmelden',
    },
    welcome: { subject: 'Willkommen bei {org}', body: ['Willkommen bei {org}! Ihre Mitgliedschaft {membership} ist jetzt aktiv.'] },
    receipt: {
      subject: 'Willkommen bei {org}: Ihre Quittung',
      body: ['Willkommen bei {org}! Vielen Dank für Ihre Zahlung: Ihre Mitgliedschaft {membership} ist jetzt aktiv.'],
    },
    renewal_receipt: { subject: 'Ihre Quittung für die Verlängerung bei {org}', body: ['Vielen Dank: Ihre Mitgliedschaft {membership} wurde verlängert.'] },
    renewal_upcoming: {
      subject: 'Ihre Mitgliedschaft {membership} verlängert sich am {date}',
      body: [
        'Ihre Mitgliedschaft {membership} bei {org} verlängert sich am {date} automatisch. Wir belasten Ihre hinterlegte Karte mit {amount}.',
        'Wenn das so passt, müssen Sie nichts tun; um es zu beenden, schalten Sie die automatische Verlängerung vor diesem Datum aus.',
      ],
    },
    card_update_needed: {
      subject: 'Bitte aktualisieren Sie Ihre Karte für {org}',
      body: ['Wir konnten die für Ihre Mitgliedschaft {membership} hinterlegte Karte nicht verwenden. Bitte aktualisieren Sie sie, damit Ihre Mitgliedschaft ohne Unterbrechung weiterläuft.'],
      action: 'Karte aktualisieren',
      signIn: 'Melden Sie sich dazu auf der Website von {org} an.',
    },
    renewal_failed: {
      subject: 'Wir konnten Ihre Mitgliedschaft {membership} nicht verlängern',
      body: ['Wir haben versucht, {amount} für die Verlängerung Ihrer Mitgliedschaft {membership} bei {org} abzubuchen, aber die Zahlung ist nicht durchgegangen.'],
      retry: 'Wir versuchen es am {date} erneut. Um dem zuvorzukommen, zahlen Sie jetzt oder aktualisieren Sie Ihre Karte.',
      final: 'Wir versuchen es nicht erneut. Zahlen Sie jetzt, um Ihre Mitgliedschaft zu behalten.',
      action: 'Jetzt bezahlen',
      signIn: 'Um jetzt zu bezahlen, melden Sie sich auf der Website von {org} an.',
    },
    renewal_reminder: {
      subject: 'Ihre Mitgliedschaft {membership} endet am {date}',
      body: ['Ihre Mitgliedschaft {membership} bei {org} läuft bis zum {date}. Verlängern Sie sie für {amount}, damit sie ohne Unterbrechung weiterläuft.'],
    },
    membership_terminated: {
      subject: 'Ihre Mitgliedschaft {membership} ist beendet',
      body: ['Ihre Mitgliedschaft {membership} bei {org} endete am {date}.', 'Sie sind jederzeit wieder willkommen: Melden Sie sich einfach erneut an.'],
    },
    staff_membership_terminated: {
      subject: 'Mitgliedschaft endet: {member} ({membership})',
      body: ['Die Verlängerung der Mitgliedschaft {membership} von {member} ist {attempts}-mal fehlgeschlagen; sie endet am {date}.', 'Letzter Grund der Bank: {reason}.'],
    },
    application_received: {
      subject: 'Wir haben Ihren Antrag bei {org} erhalten',
      body: ['Vielen Dank für Ihren Antrag auf die Mitgliedschaft {membership} bei {org}. Wir melden uns, sobald er geprüft wurde.'],
    },
    application_approved: {
      subject: 'Ihr Antrag bei {org} wurde angenommen',
      body: ['Gute Nachricht: Ihr Antrag auf die Mitgliedschaft {membership} bei {org} wurde angenommen.'],
      pay: 'Um ihn abzuschließen, zahlen Sie {amount}.',
      free: 'Ihre Mitgliedschaft ist jetzt aktiv.',
      action: 'Jetzt bezahlen',
    },
    application_declined: {
      subject: 'Ihr Antrag bei {org}',
      body: ['Vielen Dank für Ihr Interesse an {org}. Leider wurde Ihr Antrag auf die Mitgliedschaft {membership} nicht angenommen.'],
    },
  },
};

const es: LanguageStrings = {
  dir: 'ltr',
  greeting: 'Hola, {name}:',
  greetingNoName: 'Hola:',
  labels: {
    membership: 'Membresía',
    starts: 'Inicio',
    validUntil: 'Válida hasta',
    noEnd: 'Sin fecha de fin',
    amount: 'Importe',
    paidOn: 'Pagado el',
    card: 'Tarjeta',
    cardEnding: 'terminada en {card}',
    receiptNumber: 'Número de recibo',
    renewsOn: 'Se renueva el',
  },
  kinds: {
    sign_in_code: {
      subject: 'Tu código de acceso para {org}',
      body: ['Tu código de acceso es {code}.', 'Caduca en {minutes} minutos. Si no lo has solicitado, puedes ignorar este mensaje.'],
      action: 'O inicia sesión con este enlace',
    },
    welcome: { subject: 'Te damos la bienvenida a {org}', body: ['¡Te damos la bienvenida a {org}! Tu membresía {membership} ya está activa.'] },
    receipt: {
      subject: 'Te damos la bienvenida a {org}: tu recibo',
      body: ['¡Te damos la bienvenida a {org}! Gracias por tu pago: tu membresía {membership} ya está activa.'],
    },
    renewal_receipt: { subject: 'Tu recibo de renovación de {org}', body: ['Gracias: tu membresía {membership} se ha renovado.'] },
    renewal_upcoming: {
      subject: 'Tu membresía {membership} se renueva el {date}',
      body: [
        'Tu membresía {membership} en {org} se renueva automáticamente el {date}. Cargaremos {amount} en tu tarjeta guardada.',
        'Si te parece bien, no tienes que hacer nada; para evitarlo, desactiva la renovación automática antes de esa fecha.',
      ],
    },
    card_update_needed: {
      subject: 'Actualiza tu tarjeta para {org}',
      body: ['No hemos podido usar la tarjeta guardada para tu membresía {membership}. Actualízala para que tu membresía continúe sin interrupciones.'],
      action: 'Actualizar mi tarjeta',
      signIn: 'Para actualizarla, inicia sesión en el sitio web de {org}.',
    },
    renewal_failed: {
      subject: 'No hemos podido renovar tu membresía {membership}',
      body: ['Intentamos cobrar {amount} por la renovación de tu membresía {membership} en {org}, pero el pago no se completó.'],
      retry: 'Lo intentaremos de nuevo el {date}. Para evitarlo, paga ahora o actualiza tu tarjeta.',
      final: 'No volveremos a intentarlo. Paga ahora para conservar tu membresía.',
      action: 'Pagar ahora',
      signIn: 'Para pagar ahora, inicia sesión en el sitio web de {org}.',
    },
    renewal_reminder: {
      subject: 'Tu membresía {membership} termina el {date}',
      body: ['Tu membresía {membership} en {org} es válida hasta el {date}. Renuévala por {amount} para conservarla sin interrupción.'],
    },
    membership_terminated: {
      subject: 'Tu membresía {membership} ha finalizado',
      body: ['Tu membresía {membership} en {org} finalizó el {date}.', 'Puedes volver cuando quieras: solo tienes que inscribirte de nuevo.'],
    },
    staff_membership_terminated: {
      subject: 'Fin de membresía: {member} ({membership})',
      body: ['La renovación de la membresía {membership} de {member} falló {attempts} veces; termina el {date}.', 'Último motivo del banco: {reason}.'],
    },
    application_received: {
      subject: 'Hemos recibido tu solicitud para {org}',
      body: ['Gracias por solicitar la membresía {membership} en {org}. Te escribiremos en cuanto la hayamos revisado.'],
    },
    application_approved: {
      subject: 'Tu solicitud para {org} ha sido aprobada',
      body: ['Buenas noticias: tu solicitud de la membresía {membership} en {org} ha sido aprobada.'],
      pay: 'Para completarla, paga {amount}.',
      free: 'Tu membresía ya está activa.',
      action: 'Pagar ahora',
    },
    application_declined: {
      subject: 'Tu solicitud para {org}',
      body: ['Gracias por tu interés en {org}. Lo sentimos: tu solicitud de la membresía {membership} no ha sido aceptada.'],
    },
  },
};

const ar: LanguageStrings = {
  dir: 'rtl',
  greeting: 'مرحبًا {name}،',
  greetingNoName: 'مرحبًا،',
  labels: {
    membership: 'العضوية',
    starts: 'تبدأ في',
    validUntil: 'صالحة حتى',
    noEnd: 'بلا تاريخ انتهاء',
    amount: 'المبلغ',
    paidOn: 'تاريخ الدفع',
    card: 'البطاقة',
    cardEnding: 'تنتهي بـ {card}',
    receiptNumber: 'رقم الإيصال',
    renewsOn: 'تتجدد في',
  },
  kinds: {
    sign_in_code: {
      subject: 'رمز تسجيل الدخول إلى {org}',
      body: ['رمز تسجيل الدخول الخاص بك هو {code}.', 'تنتهي صلاحيته خلال {minutes} دقيقة. إذا لم تطلبه، يمكنك تجاهل هذه الرسالة.'],
      action: 'أو سجّل الدخول بهذا الرابط',
    },
    welcome: { subject: 'مرحبًا بك في {org}', body: ['مرحبًا بك في {org}! عضويتك {membership} مفعّلة الآن.'] },
    receipt: { subject: 'مرحبًا بك في {org}: إيصالك', body: ['مرحبًا بك في {org}! شكرًا لك على الدفع: عضويتك {membership} مفعّلة الآن.'] },
    renewal_receipt: { subject: 'إيصال تجديد عضويتك في {org}', body: ['شكرًا لك: تم تجديد عضويتك {membership}.'] },
    renewal_upcoming: {
      subject: 'تتجدد عضويتك {membership} في {date}',
      body: [
        'تتجدد عضويتك {membership} في {org} تلقائيًا في {date}. سنخصم {amount} من بطاقتك المحفوظة.',
        'لا حاجة لأي إجراء إذا كان ذلك يناسبك؛ لإيقافه، أوقف التجديد التلقائي قبل هذا التاريخ.',
      ],
    },
    card_update_needed: {
      subject: 'يرجى تحديث بطاقتك لدى {org}',
      body: ['تعذّر علينا استخدام البطاقة المحفوظة لعضويتك {membership}. يرجى تحديثها لتستمر عضويتك دون انقطاع.'],
      action: 'تحديث البطاقة',
      signIn: 'لتحديثها، سجّل الدخول على موقع {org}.',
    },
    renewal_failed: {
      subject: 'تعذّر تجديد عضويتك {membership}',
      body: ['حاولنا خصم {amount} لتجديد عضويتك {membership} في {org}، لكن عملية الدفع لم تتم.'],
      retry: 'سنحاول مرة أخرى في {date}. لتجنب ذلك، ادفع الآن أو حدّث بطاقتك.',
      final: 'لن نحاول مرة أخرى. ادفع الآن للاحتفاظ بعضويتك.',
      action: 'ادفع الآن',
      signIn: 'للدفع الآن، سجّل الدخول على موقع {org}.',
    },
    renewal_reminder: {
      subject: 'تنتهي عضويتك {membership} في {date}',
      body: ['عضويتك {membership} في {org} سارية حتى {date}. جدّدها مقابل {amount} لتستمر دون انقطاع.'],
    },
    membership_terminated: {
      subject: 'انتهت عضويتك {membership}',
      body: ['انتهت عضويتك {membership} في {org} بتاريخ {date}.', 'يسعدنا عودتك في أي وقت: ما عليك سوى التسجيل من جديد.'],
    },
    staff_membership_terminated: {
      subject: 'انتهاء عضوية: {member} ({membership})',
      body: ['فشل تجديد العضوية {membership} الخاصة بـ {member} {attempts} مرات؛ وتنتهي في {date}.', 'آخر سبب من البنك: {reason}.'],
    },
    application_received: {
      subject: 'تلقّينا طلبك للانضمام إلى {org}',
      body: ['شكرًا لتقديمك طلب عضوية {membership} في {org}. سنراسلك فور مراجعته.'],
    },
    application_approved: {
      subject: 'تمت الموافقة على طلبك للانضمام إلى {org}',
      body: ['أخبار سارة: تمت الموافقة على طلبك لعضوية {membership} في {org}.'],
      pay: 'لإتمامه، ادفع {amount}.',
      free: 'عضويتك مفعّلة الآن.',
      action: 'ادفع الآن',
    },
    application_declined: {
      subject: 'طلبك للانضمام إلى {org}',
      body: ['شكرًا لاهتمامك بـ {org}. نأسف لإبلاغك بأن طلبك لعضوية {membership} لم يُقبل.'],
    },
  },
};

export const strings: Record<Language, LanguageStrings> = { en, fr, de, es, ar };

/** The language of a BCP 47 locale (`de-AT` → `de`), English when the server has no mail in it. */
export function languageOf(locale: string): Language {
  const language = locale.split(/[-_]/)[0]!.toLowerCase();
  return (languages as readonly string[]).includes(language) ? (language as Language) : 'en';
}
