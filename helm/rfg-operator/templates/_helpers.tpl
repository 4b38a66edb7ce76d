{{- define "rfg.name" -}}rfg-operator{{- end -}}

{{- define "rfg.fullname" -}}
{{- if contains "rfg-operator" .Release.Name -}}{{ .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else -}}{{ printf "%s-rfg-operator" .Release.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "rfg.labels" -}}
app.kubernetes.io/name: {{ include "rfg.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "rfg.selectorLabels" -}}
app.kubernetes.io/name: {{ include "rfg.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "rfg.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "rfg.sentinelImage" -}}
{{ .Values.sentinelImage.repository }}:{{ .Values.sentinelImage.tag | default .Chart.AppVersion }}
{{- end -}}
