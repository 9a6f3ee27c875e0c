"""La política escrita en español."""

from __future__ import annotations

from .texts import Texts

TEXTS = Texts(
    lang="es",
    the_company="la empresa",
    title="Política de redes sociales de {company}",
    intro=(
        "Esta política dice qué puedes publicar sobre {company}, su gente, sus clientes y sus "
        "productos, en las cuentas de la empresa y en las tuyas: redes sociales, blogs, foros y "
        "cualquier otro sitio donde otros puedan leerlo. Sigue los diez pasos habituales de una "
        "política de redes sociales, y sus reglas (apartado 7) son las mismas con las que se revisa "
        "cada publicación antes de salir, con el motivo de cada una y ejemplos."
    ),
    public_note=(
        "*Edición pública. Los nombres que son confidenciales en sí mismos (productos sin anunciar, "
        "clientes cuya relación con nosotros no es pública, sistemas internos) se describen aquí sin "
        "nombrarlos; la edición para la plantilla los nombra.*"
    ),
    internal_note=(
        "*Edición para la plantilla. Nombra productos, clientes y sistemas confidenciales: no la "
        "publiques ni la compartas fuera de {company}.*"
    ),
    contents="Índice",
    sections={
        "position": "Nuestra postura ante las redes sociales",
        "platforms": "Qué entendemos por redes sociales",
        "ownership": "Cuentas y contenidos en dispositivos de la empresa",
        "privacy": "Privacidad e información confidencial",
        "spokespeople": "Quién habla en nombre de {company}",
        "ground_rules": "Normas básicas",
        "topics": "Lo que no se publica",
        "monitoring": "Seguimiento y cumplimiento",
        "training": "Formación",
        "exceptions": "Excepciones y preguntas",
    },
    defaults={
        "position": (
            "{company} te anima a hablar de tu trabajo: lo que construimos, lo que aprendes, los "
            "eventos a los que vas. Las redes sociales son un buen sitio para hacerlo, siempre que lo "
            "que publiques sea cierto, respetuoso y te corresponda contarlo. Esta política explica qué "
            "significa eso en la práctica. Se aplica a todas las personas que trabajan para {company} "
            "o con ella: siempre en las cuentas de la empresa, y en las cuentas personales cuando una "
            "publicación trata de {company}, de su gente, de sus clientes o de sus productos."
        ),
        "platforms": (
            "Red social es cualquier sitio donde publicas para que otros lo lean: redes sociales "
            "(LinkedIn, X, Facebook, Instagram, Mastodon, Bluesky, TikTok), vídeos y pódcasts, blogs "
            "(el de la empresa y el tuyo), foros, sitios de preguntas y respuestas y comunidades de "
            "chat, sitios de opiniones y de empleo, y los comentarios en cualquier parte. Un grupo "
            "privado o un mensaje a unas pocas personas también cuenta: las capturas de pantalla "
            "circulan."
        ),
        "ownership": (
            "Las cuentas de la empresa (sus páginas, perfiles y blog) pertenecen a {company}. Las "
            "gestionan las personas que designa el equipo de comunicación, y sus contraseñas se "
            "guardan en el gestor de contraseñas de la empresa, nunca en uno personal. El contenido "
            "que creas para {company}, en dispositivos de la empresa o en horario de trabajo pertenece "
            "a {company}. Los dispositivos y las redes de la empresa son de la empresa: no cuentes con "
            "tener privacidad en ellos. Tus cuentas personales son tuyas: mantenlas separadas de las "
            "de la empresa y no hables en nombre de la empresa desde ellas."
        ),
        "monitoring": (
            "{company} sigue lo que se publica sobre ella, en sus propias cuentas y en público, como "
            "cualquier empresa que cuida su reputación. Las publicaciones para las cuentas y el blog "
            "de la empresa se revisan automáticamente antes de publicarse, y los archivos publicados "
            "se revisan de nuevo cuando cambian las reglas. Nadie lee tus mensajes privados ni te pide "
            "tus contraseñas."
        ),
        "training": (
            "Todas las personas que publican en nombre de {company}, o sobre ella, leen esta política "
            "al incorporarse y cada vez que cambia. Las revisiones forman parte de la formación: cada "
            "aviso nombra la regla que incumple, explica por qué existe y propone qué escribir en su "
            "lugar."
        ),
        "contact": (
            "Las preguntas sobre esta política van al equipo de comunicación. Si no tienes claro si "
            "algo se puede publicar, pregunta antes de publicarlo, no después."
        ),
        "exceptions": (
            "Una excepción se revisa como cualquier otro cambio: quien aprueba la publicación lee el "
            "motivo, y el equipo de comunicación decide en caso de duda. Una excepción cubre una sola "
            "publicación; si necesitas la misma una y otra vez, pide que cambie la regla."
        ),
    },
    privacy_intro=(
        "Respeta la privacidad de tus compañeros y de nuestros clientes, y guárdate lo que {company} "
        "no ha hecho público. Eso incluye aquí:"
    ),
    codenames_public=(
        "**Productos y proyectos sin anunciar.** Sus nombres son confidenciales hasta que se "
        "anuncian, escritos de cualquier forma: como hashtag, con espacios o guiones entre las letras "
        "o con caracteres parecidos. La edición para la plantilla los enumera."
    ),
    codenames_internal=(
        "**Productos y proyectos sin anunciar.** Estos nombres son confidenciales hasta la fecha "
        "indicada, escritos de cualquier forma: como hashtag, con espacios o guiones entre las letras "
        "o con caracteres parecidos:"
    ),
    codenames_none=(
        "**Productos y proyectos sin anunciar.** Lo que no se ha anunciado es confidencial hasta que "
        "se anuncie, y también sus nombres internos."
    ),
    codename_until="{name}{aliases}: confidencial hasta el {date}",
    codename_unannounced="{name}{aliases}: confidencial hasta que se anuncie",
    codename_launched="{name}{aliases}: anunciado el {date}, ya se puede nombrar",
    also_written=" (también escrito {names})",
    customers_public=(
        "**Clientes.** No nombres a un cliente salvo que la relación sea pública: muchos contratos lo "
        "prohíben. Descríbelo en su lugar («un gran cliente de logística»)."
    ),
    customers_internal=(
        "**Clientes.** No nombres a un cliente salvo que la relación sea pública: muchos contratos lo "
        "prohíben. Estas relaciones son confidenciales:"
    ),
    customers_none=(
        "**Clientes.** No nombres a un cliente salvo que la relación sea pública: muchos contratos lo "
        "prohíben. Pregunta al equipo de cuentas si tienes dudas."
    ),
    public_references="Clientes de referencia pública, que puedes nombrar: {names}.",
    internal_public=(
        "**Sistemas internos.** Los nombres y direcciones de nuestros servidores, servicios y redes "
        "internos nunca aparecen en público."
    ),
    internal_internal=(
        "**Sistemas internos.** Los nombres y direcciones de nuestros servidores, servicios y redes "
        "internos nunca aparecen en público. Todo lo que cuelga de estos dominios es interno: {domains}."
    ),
    internal_none=(
        "**Sistemas internos.** Los nombres y direcciones de servidores, servicios y redes internos "
        "nunca aparecen en público."
    ),
    public_domains="Nuestros dominios públicos, que puedes usar: {domains}.",
    credentials=(
        "**Credenciales.** Las contraseñas, claves y tokens de acceso nunca aparecen en una "
        "publicación, ni siquiera caducados ni en una captura de pantalla."
    ),
    personal=(
        "**Datos personales.** Los datos de contacto, números de identificación y de cuenta de "
        "compañeros y clientes, y todo lo relativo a la salud, el sueldo o los asuntos laborales de "
        "una persona con nombre, son privados, salvo que esa persona los haya publicado para ese fin."
    ),
    privacy_rules="El apartado 7 enumera todas las reglas que lo aplican, con ejemplos.",
    spokespeople_intro=(
        "Estas personas hablan en nombre de {company} en público: anuncian productos, resultados y "
        "novedades, y atienden a la prensa. Nombrarlas en una publicación no es ningún problema."
    ),
    spokespeople_withheld="La edición para la plantilla nombra a las demás personas que hablan en nombre de {company}.",
    spokespeople_none=(
        "Solo las personas que designa el equipo de comunicación hablan en nombre de {company} en "
        "público: anuncian productos, resultados y novedades, y atienden a la prensa."
    ),
    press=(
        "Si un periodista, analista o inversor te pide una declaración, dale las gracias y traslada "
        "la petición (apartado 10): no respondas tú en nombre de la empresa."
    ),
    own_accounts=(
        "Cuando escribas sobre {company} en tus propias cuentas, di que trabajas aquí y que las "
        "opiniones son tuyas. Nunca presentes tu opinión como la postura de la empresa."
    ),
    ground_rules_intro="Publiques donde publiques:",
    ground_rules=(
        (
            "**Di quién eres.** Indica que trabajas en {company} cuando escribas sobre nuestro trabajo, "
            "nuestros productos o nuestros competidores."
        ),
        (
            "**Piensa antes de publicar.** Lo publicado queda publicado: las capturas y los archivos "
            "sobreviven a un borrado."
        ),
        (
            "**Sé respetuoso.** Discrepa de las ideas, no de las personas. Ni insultos ni acoso, en "
            "público ni en mensajes privados."
        ),
        (
            "**Sé riguroso.** Afirma solo lo que puedas demostrar, enlaza la fuente y corrige un error "
            "abiertamente cuando lo descubras."
        ),
        (
            "**Respeta el trabajo ajeno.** Menciona la autoría de las fotos, citas y código que compartas, y "
            "pregunta antes de publicar una foto de un compañero."
        ),
        (
            "**Revisa antes de publicar.** Las publicaciones para los canales de la empresa pasan las "
            "revisiones automáticas del apartado 8; cada aviso te dice qué cambiar."
        ),
        "**Ante la duda, no lo publiques,** y pregunta antes (apartado 10).",
    ),
    topics_intro=(
        "Estos temas no se publican. Cada regla de este apartado se revisa automáticamente: dice por "
        "qué importa y qué escribir en su lugar, y muestra publicaciones que señala y otras que están "
        "bien. Su gravedad indica qué debes hacer (apartado 8)."
    ),
    categories={
        "pii": (
            "Información privada de compañeros y clientes",
            (
                "Datos que identifican y exponen a las personas: datos de contacto, números de "
                "identificación y de cuenta, y la salud, el sueldo o los asuntos laborales de una "
                "persona con nombre."
            ),
        ),
        "confidential": (
            "Información confidencial y no divulgada",
            (
                "Lo que {company} no ha hecho público: productos sin anunciar, relaciones con "
                "clientes, sistemas internos, credenciales, resultados y planes."
            ),
        ),
        "derogatory": (
            "Crueldad, comentarios ofensivos y degradantes",
            (
                "Insultos, términos injuriosos, estereotipos, lenguaje deshumanizador y amenazas, "
                "contra quien sea."
            ),
        ),
        "profanity": ("Lenguaje obsceno", "Palabrotas, también escritas de forma disimulada."),
        "substances": (
            "Sustancias ilegales",
            (
                "Consumir, comprar o estar bajo los efectos de drogas ilegales, y las drogas en "
                "el trabajo."
            ),
        ),
        "claims": (
            "Afirmaciones falsas o sin fundamento",
            (
                "Afirmaciones absolutas o indemostrables sobre nuestros productos: engañan a los "
                "clientes y crean riesgos legales."
            ),
        ),
    },
    why="Por qué",
    instead="En su lugar",
    flagged="Se señala",
    fine="Está bien",
    applies_to="Se aplica a publicaciones en {languages}.",
    severities={
        "error": (
            "error",
            (
                "No se publica tal cual: cambia la publicación o pide una excepción "
                "(apartado 10). El commit o la revisión fallan."
            ),
        ),
        "warning": (
            "advertencia",
            (
                "Requiere una segunda lectura: vuelve a leer la publicación teniendo en "
                "cuenta el aviso y cámbiala salvo que estés seguro de que está bien."
            ),
        ),
        "info": ("consejo", "Una recomendación: tenla en cuenta."),
    },
    no_rules="No hay ninguna regla en vigor.",
    examples_missing="Se omiten los ejemplos que necesitan {values}: la configuración no da ninguno.",
    company_values={
        "company": "el nombre de la empresa (`company.name`)",
        "domain": "un dominio público de la empresa (`company.domains`)",
        "internal_domain": "un dominio interno (`company.internal_domains`)",
        "codename": "el nombre en clave de un producto sin anunciar (`company.codenames`)",
        "launched_codename": "el nombre en clave de un producto ya lanzado (`company.codenames` con una fecha "
                             "`public_on` ya pasada)",
        "customer": "un cliente confidencial (`company.customers`)",
        "reference_customer": "un cliente de referencia público (`company.customers` con `public: true`)",
        "competitor": "un competidor (`company.competitors`)",
        "spokesperson": "un portavoz (`company.spokespeople`)",
    },
    enforcement_intro=(
        "Las reglas del apartado 7 se revisan automáticamente en cada paso por el que pasa una "
        "publicación:"
    ),
    enforcement=(
        (
            "**Antes de un commit.** En el blog de la empresa, un hook de pre-commit revisa cada "
            "publicación que confirmas y detiene el commit cuando una tiene un error."
        ),
        (
            "**En integración continua.** Cada cambio en el blog se revisa de nuevo antes de "
            "integrarlo, y los avisos aparecen en la pull request."
        ),
        (
            "**En la página de revisión.** Pega el borrador de cualquier publicación en la página de "
            "revisión para revisarlo antes de publicarlo."
        ),
        (
            "**En revisiones masivas.** Las publicaciones, archivos y feeds ya publicados se revisan en "
            "bloque, así que las publicaciones antiguas se revisan de nuevo cuando cambian las reglas."
        ),
    ),
    severity_table=("Gravedad", "Qué haces", "Reglas"),
    redacted_reports=(
        "Los informes ocultan los datos personales y confidenciales que encuentran, para que los "
        "registros no los difundan más."
    ),
    explain=(
        "Cualquier regla puede leerse completa, con sus ejemplos, con `postlint explain CÓDIGO` (por "
        "ejemplo, `postlint explain {example}`)."
    ),
    practise=(
        "Para practicar, ejecuta `postlint train` o abre la página de formación del servidor de "
        "revisión (`/training`): publicaciones cortas hechas con estas reglas, para juzgarlas una a "
        "una, cada una seguida de la regla, el motivo y una redacción mejor. No se guarda nada sobre ti "
        "ni sobre tus respuestas."
    ),
    exceptions_heading="Cómo pedir una excepción",
    exceptions_intro=(
        "A veces una publicación tiene un buen motivo para decir lo que una regla señala: citar un "
        "anuncio después de su fecha, o una dirección de prensa publicada a propósito. Pide la "
        "excepción en la propia publicación, junto al texto que excusa, con un comentario que nombre "
        "la regla y diga por qué:"
    ),
    exception_example="<!-- postlint-disable-next-line {code} -- el motivo, para quien revisa -->",
    exceptions_rules=(
        "El motivo tras `--` es obligatorio. Un comentario sin motivo, uno que nombra una regla "
        "desconocida y uno que no excusa nada se señalan a su vez, y un comentario solo excusa las "
        "reglas que nombra, nunca todas."
    ),
    questions="Preguntas",
    footer=(
        "*Esta política la genera postlint (`postlint policy`) a partir de la configuración de la "
        "empresa y de los paquetes de reglas que usa, así que recoge exactamente las reglas con las "
        "que se revisa cada publicación. Para cambiarla, cambia esos archivos y vuelve a generarla. En "
        "un repositorio, las reglas del apartado 7 van marcadas como citas que la revisión deja pasar; "
        "el resto del archivo se revisa como cualquier publicación.*"
    ),
    quoted_reason="las reglas de esta política citan, como ejemplos, lo que señalan",
    withheld={
        "codename": "[producto sin anunciar]",
        "customer": "[cliente confidencial]",
        "internal_domain": "[servidor interno]",
        "marked": "[confidencial]",
    },
    language_names={"en": "inglés", "es": "español"},
    conjunction="y",
    quote=("\u00ab", "\u00bb"),
)
